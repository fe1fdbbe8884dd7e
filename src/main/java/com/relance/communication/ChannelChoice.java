package com.relance.communication;

import com.relance.invoice.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of the channels a policy names can reach this customer: email needs an address, SMS a
 * mobile number and the customer's consent, a letter a postal address. A customer without an
 * email address gets the letter instead.
 */
public final class ChannelChoice {

    private ChannelChoice() {
    }

    public static List<Channel> reachable(Customer customer, List<Channel> wanted) {
        List<Channel> chosen = new ArrayList<>();
        for (Channel channel : wanted) {
            if (reaches(customer, channel)) {
                chosen.add(channel);
            } else if (channel == Channel.EMAIL && customer.hasPostalAddress() && !wanted.contains(Channel.LETTER)) {
                chosen.add(Channel.LETTER);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalStateException("No channel reaches customer " + customer.getNumber() + " for " + wanted
                    + ": add an email address or a postal address to the customer");
        }
        return chosen;
    }

    static boolean reaches(Customer customer, Channel channel) {
        return switch (channel) {
            case EMAIL -> customer.getEmail() != null && !customer.getEmail().isBlank();
            case SMS -> customer.isSmsConsent() && mobile(customer).isPresent();
            case LETTER -> customer.hasPostalAddress();
        };
    }

    static Optional<String> mobile(Customer customer) {
        return customer.getPhone() == null ? Optional.empty() : PhoneNumbers.toE164(customer.getPhone(), customer.getCountry());
    }
}
