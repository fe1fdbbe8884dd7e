package com.relance.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.browser.Browser;
import com.relance.dunning.ProcessVariables;
import com.relance.invoice.InvoiceRegistration;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The customer pages in headless Chromium: a salesperson finds their customer, puts an invoice on
 * hold with the page's form (CSRF token and all), and cannot open another salesperson's customer.
 * Screenshots: target/screenshots/customer-*.png.
 */
class CustomerPagesBrowserTest extends DunningTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    InvoiceRegistration registration;

    @Test
    void aSalespersonHoldsTheirCustomersInvoice_andCannotOpenAnothersCustomer() {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        String sams = Invoices.nextNumber();
        String sophies = Invoices.nextNumber();
        registration.register(Invoices.french(sams, "sme", "sam", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
        registration.register(Invoices.french(sophies, "sme", "sophie", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
        String base = "http://localhost:" + port;

        try (Browser browser = new Browser()) {
            try {
                browser.logIn(base, "sam", "sam-test");
                assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo("Credit desk");
                browser.click(By.linkText("Customers"));
                WebElement list = browser.visible(By.id("customers"));
                assertThat(list.getText()).contains("Client " + sams).doesNotContain("Client " + sophies);
                browser.click(By.linkText("Client " + sams));
                browser.visible(By.id("invoice-" + sams));
                assertThat(browser.driver.findElement(By.id("outstanding")).getText()).isEqualTo("1,250.00 EUR");
                browser.screenshot("customer-page");

                WebElement article = browser.driver.findElement(By.id("invoice-" + sams));
                article.findElement(By.name("reason")).sendKeys("Negotiating a payment plan");
                // A date field's typing format follows the browser's locale: set its ISO value directly.
                browser.driver.executeScript("arguments[0].value = '2026-03-20';", article.findElement(By.name("until")));
                browser.click(By.xpath("//article[@id='invoice-" + sams + "']//button[normalize-space(.)='Hold']"));
                assertThat(browser.visible(By.cssSelector("p.notice")).getText()).isEqualTo("Dunning of " + sams + " is on hold.");
                assertThat(browser.driver.findElement(By.id("invoice-" + sams)).getText())
                        .contains("on hold", "resumes 2026-03-21: Negotiating a payment plan (sam)", "Lift the hold");
                assertThat(runtime.getVariable(instanceOf(sams).getId(), ProcessVariables.HOLD_PLACED_BY)).isEqualTo("sam");
                browser.screenshot("customer-page-held");

                browser.driver.get(base + "/customers/C-" + sophies);
                assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo("Not allowed");
                assertThat(browser.driver.getPageSource()).doesNotContain(sophies);
                browser.screenshot("customer-forbidden");
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot("FAILED-customer");
                browser.savePage("FAILED-customer");
                throw e;
            }
        }
    }
}
