package com.relance.progress;

import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A background job's state, percentage and result: {@code /api/jobs/{id}} for API clients (HTTP
 * Basic), {@code /jobs/{id}} for Relance's pages (the browser's login session). Only the user who
 * started a job sees it.
 */
@RestController
class JobController {

    private final BackgroundJobs jobs;

    JobController(BackgroundJobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping({"/api/jobs/{id}", "/jobs/{id}"})
    BackgroundJobs.Job job(@PathVariable String id, Principal user) {
        return jobs.find(id, user.getName())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No job " + id));
    }
}
