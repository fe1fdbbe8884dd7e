package com.relance.communication;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface CommunicationDocumentRepository extends JpaRepository<CommunicationDocument, Long> {

    List<CommunicationDocument> findByCommunicationIdOrderByIdAsc(Long communicationId);
}
