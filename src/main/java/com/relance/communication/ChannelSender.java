package com.relance.communication;

import java.util.List;

/** One channel's way out: hands a recorded message to the world. */
interface ChannelSender {

    Channel channel();

    /**
     * Sends once per call; the caller guarantees it is called once per message (claim and mark).
     * {@code message} is detached: its invoice is given by number.
     *
     * @return where the message was handed to, for the record (an SMTP server, a gateway, a folder)
     * @throws RuntimeException when the channel refused or could not be reached: the job retries
     */
    String send(Communication message, List<CommunicationDocument> documents, String invoiceNumber);
}
