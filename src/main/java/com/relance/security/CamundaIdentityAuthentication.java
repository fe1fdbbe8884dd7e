package com.relance.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Logs people in against Camunda's identity service, the same users and passwords as the
 * Tasklist (including its lock-out after repeated wrong passwords). Groups become authorities.
 */
@Component
public class CamundaIdentityAuthentication implements AuthenticationProvider {

    private final IdentityService identity;

    public CamundaIdentityAuthentication(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || user.isBlank() || credentials == null
                || !identity.checkPassword(user, credentials.toString())) {
            throw new BadCredentialsException("Wrong user or password");
        }
        List<SimpleGrantedAuthority> authorities = groupsOf(user).stream()
                .map(g -> new SimpleGrantedAuthority(Groups.authority(g))).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    List<String> groupsOf(String user) {
        return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
