package com.relance.audit;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AuditExportRepository extends JpaRepository<AuditExport, Long> {

    List<AuditExport> findByInvoiceNumberOrderByExportedAtAscIdAsc(String invoiceNumber);
}
