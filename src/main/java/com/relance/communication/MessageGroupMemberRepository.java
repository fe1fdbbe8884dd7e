package com.relance.communication;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MessageGroupMemberRepository extends JpaRepository<MessageGroupMember, Long> {

    Optional<MessageGroupMember> findByMemberKey(String memberKey);

    @EntityGraph(attributePaths = {"invoice", "invoice.customer"})
    List<MessageGroupMember> findByGroupIdOrderByIdAsc(Long groupId);
}
