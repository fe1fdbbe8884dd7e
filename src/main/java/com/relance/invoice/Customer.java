package com.relance.invoice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A debtor: the company (or person) an invoice is addressed to. */
@Entity
public class Customer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "customer_number", nullable = false, unique = true)
    private String number;

    @Column(nullable = false)
    private String name;

    /** Customer typology (key account, SME, public sector, …): selects the dunning policy. */
    private String segment;

    /** ISO 3166-1 alpha-2. */
    @Column(nullable = false)
    private String country;

    /** ISO 639-1; reminders fall back to English when no template exists in it. */
    @Column(nullable = false)
    private String language;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    private String email;
    private String phone;
    private String addressLine1;
    private String addressLine2;
    private String postalCode;
    private String city;

    /** Credit risk from credit insurance or a score: low, medium, high. An input of the dunning policy. */
    private String riskClass;

    /** A contractual late-payment rate (percent a year) that replaces the statutory one when the law allows. */
    private BigDecimal contractInterestRate;

    /** The customer agreed to receive reminders by SMS (opt-in). */
    private boolean smsConsent;

    /** Camunda user id of the salesperson who owns the relationship. */
    private String salesRep;

    @Version
    private long version;

    protected Customer() {
    }

    public Customer(String number) {
        this.number = number;
    }

    public Long getId() { return id; }
    public String getNumber() { return number; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getSegment() { return segment; }
    public void setSegment(String segment) { this.segment = segment; }
    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getAddressLine1() { return addressLine1; }
    public void setAddressLine1(String addressLine1) { this.addressLine1 = addressLine1; }
    public String getAddressLine2() { return addressLine2; }
    public void setAddressLine2(String addressLine2) { this.addressLine2 = addressLine2; }
    public String getPostalCode() { return postalCode; }
    public void setPostalCode(String postalCode) { this.postalCode = postalCode; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public String getRiskClass() { return riskClass; }
    public void setRiskClass(String riskClass) { this.riskClass = riskClass; }
    public BigDecimal getContractInterestRate() { return contractInterestRate; }
    public void setContractInterestRate(BigDecimal rate) { this.contractInterestRate = rate; }
    public boolean isSmsConsent() { return smsConsent; }
    public void setSmsConsent(boolean smsConsent) { this.smsConsent = smsConsent; }
    public String getSalesRep() { return salesRep; }
    public void setSalesRep(String salesRep) { this.salesRep = salesRep; }

    public ZoneId zone() { return ZoneId.of(timeZone); }

    /** A letter can reach the customer: a street line, a postal code and a city. */
    public boolean hasPostalAddress() {
        return !blank(addressLine1) && !blank(postalCode) && !blank(city);
    }

    /** The address lines under the name, as a letter prints them: street, postal code and city, country. */
    public List<String> postalAddressLines() {
        List<String> lines = new ArrayList<>();
        if (!blank(addressLine1)) lines.add(addressLine1);
        if (!blank(addressLine2)) lines.add(addressLine2);
        lines.add(((blank(postalCode) ? "" : postalCode + " ") + (blank(city) ? "" : city)).strip());
        lines.add(new Locale("", country).getDisplayCountry(locale()).toUpperCase(locale()));
        return lines.stream().filter(l -> !l.isBlank()).toList();
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    public Locale locale() { return Locale.forLanguageTag(language + "-" + country); }
}
