package com.relance.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An index on the engine's authorization table that the engine does not create: ACT_RU_AUTHORIZATION
 * (TYPE_). With authorization checks on, every command of a logged-in user first asks whether any
 * REVOKE (TYPE_ = 2) concerns them or their groups; without this index PostgreSQL finds out by reading
 * their grants — a salesperson has one per invoice. Measured with 100,000 such grants: a Tasklist page
 * (15 tasks, a command each) 150 ms p50 with it, 196 and 323 ms in two runs without (AuthorizedGroups
 * does the rest). Speed only: if it cannot be created (e.g. two nodes at once), start anyway.
 */
@Component
class RevokeCheckIndex implements ApplicationRunner {

    static final String NAME = "RELANCE_IDX_AUTH_TYPE";

    private static final Logger log = LoggerFactory.getLogger(RevokeCheckIndex.class);

    private final JdbcTemplate jdbc;

    RevokeCheckIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            jdbc.execute("create index if not exists " + NAME + " on ACT_RU_AUTHORIZATION (TYPE_)");
        } catch (DataAccessException e) {
            log.warn("Index {} on ACT_RU_AUTHORIZATION not created; Tasklist queries slow down as grants grow", NAME, e);
        }
    }
}
