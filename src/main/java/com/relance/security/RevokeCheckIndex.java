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
 * REVOKE (TYPE_ = 2) concerns them; without this index PostgreSQL answers by reading the whole table,
 * which holds a grant per invoice for its salesperson — 10 ms per command at 100,000 invoices, 15 of
 * them per Tasklist page. Speed only: if it cannot be created (e.g. two nodes at once), start anyway.
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
