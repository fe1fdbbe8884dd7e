package com.relance.banking;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BankStatementLineRepository extends JpaRepository<BankStatementLine, Long> {

    Optional<BankStatementLine> findByIdempotencyKey(String idempotencyKey);
}
