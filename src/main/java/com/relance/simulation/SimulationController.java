package com.relance.simulation;

import com.relance.progress.BackgroundJobs;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * What-if over the API (HTTP Basic): {@code POST /api/simulations} (multipart or form: {@code days}
 * 30|60|90, and {@code version} of the deployed policy or a {@code draft} .dmn file) answers 202
 * with the job's {@code Location}; {@code GET /api/jobs/{id}} follows it to the result.
 */
@RestController
class SimulationController {

    private final PolicyTables tables;
    private final WhatIf whatIf;

    SimulationController(PolicyTables tables, WhatIf whatIf) {
        this.tables = tables;
        this.whatIf = whatIf;
    }

    @GetMapping("/api/simulations/policies")
    List<PolicyTables.Version> policies() {
        return tables.versions();
    }

    @PostMapping(path = "/api/simulations",
            consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    ResponseEntity<BackgroundJobs.Job> start(@RequestParam(required = false) Integer version,
                                             @RequestParam(required = false) Integer days,
                                             @RequestParam(required = false) MultipartFile draft, Principal user) {
        PolicyTables.Table table = new SimulationRequest(version, days, draft).table(tables);
        BackgroundJobs.Job job = whatIf.start(table, days, user.getName());
        return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id())).body(job);
    }

    @ExceptionHandler(BackgroundJobs.TooBusy.class)
    ProblemDetail busy(BackgroundJobs.TooBusy e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
