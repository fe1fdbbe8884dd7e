package com.relance.dunning;

import com.relance.invoice.DunningProgress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Put the ladder of an invoice, or of every open invoice of a customer, on hold; lift it. */
@RestController
public class DunningHoldController {

    private final DunningHolds holds;

    public DunningHoldController(DunningHolds holds) {
        this.holds = holds;
    }

    @PostMapping("/api/invoices/{number}/holds")
    public ResponseEntity<DunningProgress.Hold> hold(@PathVariable String number, @RequestBody HoldRequest request,
                                                     Principal user) {
        return ResponseEntity.created(URI.create("/api/invoices/" + number)).body(holds.place(number, request, user.getName()));
    }

    @DeleteMapping("/api/invoices/{number}/holds")
    public ResponseEntity<Void> lift(@PathVariable String number) {
        holds.lift(number);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/customers/{number}/holds")
    public Map<String, List<String>> holdCustomer(@PathVariable String number, @RequestBody HoldRequest request,
                                                  Principal user) {
        return Map.of("held", holds.placeForCustomer(number, request, user.getName()));
    }

    @DeleteMapping("/api/customers/{number}/holds")
    public Map<String, List<String>> liftCustomer(@PathVariable String number) {
        return Map.of("lifted", holds.liftForCustomer(number));
    }
}
