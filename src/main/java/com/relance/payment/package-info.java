/**
 * Getting paid: the creditor's account (validated at start-up), ISO 11649 RF creditor references,
 * EPC "SEPA credit transfer" QR codes and pay links that reminders carry.
 */
package com.relance.payment;
