package com.relance.banking;

import com.relance.invoice.ImportRejectedException;
import com.relance.invoice.LineError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an ISO 20022 bank-to-customer statement (camt.053, versions 001.02 to 001.08) or
 * debit/credit notification (camt.054, same versions) into its booked credits. Refuses the whole
 * file, naming each problem's line and element, when it is not XML, not one of those messages, or
 * an entry lacks what a payment needs (amount, a known currency, credit/debit, booking date).
 *
 * <p>The parser resolves no DOCTYPE and no external entity (XXE, entity expansion): a file with a
 * DOCTYPE is refused, as a bank's statement never has one.
 */
class CamtReader {

    private static final Pattern NAMESPACE = Pattern.compile("urn:iso:std:iso:20022:tech:xsd:camt\\.05([34])\\.001\\.0([2-8])");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(\\.\\d{1,5})?");

    /** An element with its line in the file, children in order, text trimmed. */
    record Node(String name, Map<String, String> attributes, List<Node> children, StringBuilder content, int line) {

        Node child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst().orElse(null);
        }

        List<Node> all(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        /** The text at a path of child names, or null when any step is missing. */
        String text(String... path) {
            Node at = this;
            for (String step : path) {
                at = at.child(step);
                if (at == null) {
                    return null;
                }
            }
            String text = at.content.toString().strip();
            return text.isEmpty() ? null : text;
        }

        Node at(String... path) {
            Node at = this;
            for (String step : path) {
                at = at == null ? null : at.child(step);
            }
            return at;
        }
    }

    /** One statement (or notification) of the file. */
    record Statement(String messageId, String id, String accountIban, List<Credit> credits, int skipped) {
    }

    /**
     * A booked credit: an entry, or one transaction of a batch-booked entry.
     *
     * @param entry       1-based position of the entry in its statement
     * @param transaction 1-based position of the transaction in the entry (1 when it has none or one)
     * @param references  the structured references (RmtInf/Strd/CdtrRefInf/Ref), in order
     */
    record Credit(int line, int entry, int transaction, String entryReference, String servicerReference,
                  BigDecimal amount, Currency currency, LocalDate bookingDate, String debtorName,
                  List<String> references, String remittanceText) {
    }

    /** The statements of a file; throws {@link ImportRejectedException} naming every problem. */
    List<Statement> read(byte[] xml) {
        Node document = parse(xml);
        Matcher ns = NAMESPACE.matcher(document.attributes().getOrDefault("xmlns", ""));
        if (!"Document".equals(document.name()) || !ns.matches()) {
            throw rejected(document.line(), "Document", "not a camt.053 or camt.054 message (namespace "
                    + "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 to .08 or camt.054.001.02 to .08), found <"
                    + document.name() + "> in namespace '" + document.attributes().getOrDefault("xmlns", "") + "'");
        }
        boolean statement = "3".equals(ns.group(1));
        String messageName = statement ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn";
        String itemName = statement ? "Stmt" : "Ntfctn";
        Node message = document.child(messageName);
        List<LineError> errors = new ArrayList<>();
        if (message == null) {
            throw rejected(document.line(), messageName, "missing: a camt.05" + ns.group(1) + " document holds <"
                    + messageName + ">");
        }
        String messageId = message.text("GrpHdr", "MsgId");
        List<Node> items = message.all(itemName);
        if (items.isEmpty()) {
            errors.add(new LineError(message.line(), messageName + "/" + itemName, "missing: no statement in the file"));
        }
        List<Statement> statements = new ArrayList<>();
        for (Node item : items) {
            String id = item.text("Id");
            if (id == null) {
                errors.add(new LineError(item.line(), itemName + "/Id", "missing: the statement's identification"));
            }
            String iban = item.text("Acct", "Id", "IBAN");
            List<Credit> credits = new ArrayList<>();
            int skipped = 0;
            List<Node> entries = item.all("Ntry");
            for (int e = 0; e < entries.size(); e++) {
                Node entry = entries.get(e);
                String where = itemName + "/Ntry[" + (e + 1) + "]";
                int before = errors.size();
                Money money = entryMoney(entry, where, errors);
                String indicator = entry.text("CdtDbtInd");
                if (indicator == null || !(indicator.equals("CRDT") || indicator.equals("DBIT"))) {
                    errors.add(new LineError(lineOf(entry, "CdtDbtInd"), where + "/CdtDbtInd",
                            "must be CRDT or DBIT, is " + (indicator == null ? "missing" : "'" + indicator + "'")));
                }
                String status = entry.text("Sts", "Cd") != null ? entry.text("Sts", "Cd") : entry.text("Sts");
                boolean reversal = "true".equalsIgnoreCase(entry.text("RvslInd"));
                boolean bookedCredit = "CRDT".equals(indicator) && "BOOK".equals(status) && !reversal;
                LocalDate booked = bookedCredit ? bookingDate(entry, where, errors) : null;
                if (!bookedCredit || errors.size() > before) {
                    skipped += bookedCredit ? 0 : 1;
                    continue;
                }
                List<Node> transactions = new ArrayList<>();
                entry.all("NtryDtls").forEach(d -> transactions.addAll(d.all("TxDtls")));
                if (transactions.size() <= 1) {
                    Node tx = transactions.isEmpty() ? null : transactions.get(0);
                    credits.add(credit(entry, tx, e + 1, 1, money, booked));
                } else {
                    // A batch booking: each transaction is a payment of its own, with its own amount.
                    for (int t = 0; t < transactions.size(); t++) {
                        Node tx = transactions.get(t);
                        String txWhere = where + "/NtryDtls/TxDtls[" + (t + 1) + "]";
                        Money txMoney = transactionMoney(tx, txWhere, errors);
                        if (txMoney == null) {
                            if (tx.at("AmtDtls") == null && tx.child("Amt") == null) {
                                errors.add(new LineError(tx.line(), txWhere + "/Amt",
                                        "missing: each transaction of a batch booking needs its amount"));
                            }
                            continue;
                        }
                        credits.add(credit(entry, tx, e + 1, t + 1, txMoney, booked));
                    }
                }
            }
            statements.add(new Statement(messageId, id, iban, credits, skipped));
        }
        if (!errors.isEmpty()) {
            throw new ImportRejectedException(errors);
        }
        return statements;
    }

    private record Money(BigDecimal amount, Currency currency) {
    }

    private static Credit credit(Node entry, Node tx, int entryIndex, int txIndex, Money money, LocalDate booked) {
        Node rmt = tx == null ? null : tx.child("RmtInf");
        List<String> references = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        if (rmt != null) {
            for (Node strd : rmt.all("Strd")) {
                String ref = strd.text("CdtrRefInf", "Ref");
                if (ref != null) {
                    references.add(ref);
                }
                strd.all("AddtlRmtInf").forEach(a -> append(text, a.content().toString()));
            }
            rmt.all("Ustrd").forEach(u -> append(text, u.content().toString()));
        }
        if (entry.text("AddtlNtryInf") != null) {
            append(text, entry.text("AddtlNtryInf"));
        }
        String servicerReference = entry.text("AcctSvcrRef");
        if (servicerReference == null && tx != null) {
            servicerReference = tx.text("Refs", "AcctSvcrRef");
        }
        return new Credit(tx == null ? entry.line() : tx.line(), entryIndex, txIndex, entry.text("NtryRef"),
                servicerReference, money.amount(), money.currency(), booked, tx == null ? null : debtorName(tx),
                List.copyOf(references), text.isEmpty() ? null : text.toString());
    }

    /** The debtor's name: RltdPties/Dbtr/Nm up to version 07, RltdPties/Dbtr/Pty/Nm from 08. */
    private static String debtorName(Node tx) {
        String name = tx.text("RltdPties", "Dbtr", "Nm");
        return name != null ? name : tx.text("RltdPties", "Dbtr", "Pty", "Nm");
    }

    private static void append(StringBuilder text, String part) {
        String stripped = part.strip();
        if (!stripped.isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append(stripped);
        }
    }

    private static Money entryMoney(Node owner, String where, List<LineError> errors) {
        Node amount = owner.child("Amt");
        if (amount == null) {
            errors.add(new LineError(owner.line(), where + "/Amt", "missing: the entry's amount"));
            return null;
        }
        return money(amount, where + "/Amt", errors);
    }

    private static Money transactionMoney(Node tx, String where, List<LineError> errors) {
        // camt.053.001.02 puts it under AmtDtls/TxAmt/Amt; later versions also directly as Amt.
        Node amount = tx.child("Amt") != null ? tx.child("Amt") : tx.at("AmtDtls", "TxAmt", "Amt");
        return amount == null ? null : money(amount, where + (tx.child("Amt") != null ? "/Amt" : "/AmtDtls/TxAmt/Amt"), errors);
    }

    private static Money money(Node amount, String where, List<LineError> errors) {
        String value = amount.content().toString().strip();
        String code = amount.attributes().get("Ccy");
        BigDecimal parsed = null;
        if (!DECIMAL.matcher(value).matches() || new BigDecimal(value).signum() <= 0) {
            errors.add(new LineError(amount.line(), where, "must be a positive decimal such as 1250.00, is '" + value + "'"));
        } else {
            parsed = new BigDecimal(value);
        }
        Currency currency = null;
        if (code == null || !code.matches("[A-Z]{3}")) {
            errors.add(new LineError(amount.line(), where + "/@Ccy", "must be an ISO 4217 currency code, is "
                    + (code == null ? "missing" : "'" + code + "'")));
        } else {
            try {
                currency = Currency.getInstance(code);
            } catch (IllegalArgumentException unknown) {
                errors.add(new LineError(amount.line(), where + "/@Ccy", "unknown ISO 4217 currency '" + code + "'"));
            }
        }
        if (parsed != null && currency != null && parsed.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            errors.add(new LineError(amount.line(), where, "has more than " + currency.getDefaultFractionDigits()
                    + " decimals for " + currency));
        }
        return parsed == null || currency == null ? null : new Money(parsed, currency);
    }

    private static LocalDate bookingDate(Node entry, String where, List<LineError> errors) {
        Node date = entry.child("BookgDt") != null ? entry.child("BookgDt") : entry.child("ValDt");
        String day = date == null ? null : date.text("Dt");
        String dateTime = date == null ? null : date.text("DtTm");
        try {
            if (day != null) {
                return LocalDate.parse(day);
            }
            if (dateTime != null) {
                return dateTime.length() > 19 ? OffsetDateTime.parse(dateTime).toLocalDate()
                        : LocalDate.parse(dateTime.substring(0, 10));
            }
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            errors.add(new LineError(date.line(), where + "/BookgDt", "not an ISO date: '" + (day != null ? day : dateTime) + "'"));
            return null;
        }
        errors.add(new LineError(entry.line(), where + "/BookgDt", "missing: a booked entry's booking date (Dt or DtTm)"));
        return null;
    }

    private static int lineOf(Node owner, String child) {
        Node node = owner.child(child);
        return node == null ? owner.line() : node.line();
    }

    private static Node parse(byte[] xml) {
        try {
            SAXParser parser = factory().newSAXParser();
            TreeBuilder builder = new TreeBuilder();
            parser.parse(new ByteArrayInputStream(xml), builder);
            if (builder.root == null) {
                throw rejected(0, null, "not an XML document");
            }
            return builder.root;
        } catch (SAXParseException e) {
            String message = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "a DOCTYPE is not allowed in a bank statement" : e.getMessage();
            throw rejected(Math.max(e.getLineNumber(), 0), null, "not well-formed XML: " + message);
        } catch (SAXException | IOException e) {
            throw rejected(0, null, "not readable as XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be made safe: " + e.getMessage(), e);
        }
    }

    private static SAXParserFactory factory() throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory;
    }

    private static ImportRejectedException rejected(long line, String element, String message) {
        return new ImportRejectedException(List.of(new LineError(line, element, message)));
    }

    /** Builds the element tree; the namespace of each element is kept as its "xmlns" attribute. */
    private static final class TreeBuilder extends DefaultHandler {

        private final List<Node> open = new ArrayList<>();
        private Locator locator;
        private Node root;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Map<String, String> attrs = new HashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                attrs.put(attributes.getLocalName(i).isEmpty() ? attributes.getQName(i) : attributes.getLocalName(i),
                        attributes.getValue(i));
            }
            attrs.put("xmlns", uri == null ? "" : uri);
            Node node = new Node(localName.isEmpty() ? qName : localName, attrs, new ArrayList<>(), new StringBuilder(),
                    locator == null ? 0 : locator.getLineNumber());
            if (open.isEmpty()) {
                root = node;
            } else {
                open.get(open.size() - 1).children().add(node);
            }
            open.add(node);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.remove(open.size() - 1);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.get(open.size() - 1).content().append(ch, start, length);
            }
        }
    }

}
