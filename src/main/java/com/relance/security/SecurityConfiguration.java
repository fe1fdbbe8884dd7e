package com.relance.security;

import static com.relance.security.Groups.ACCOUNTING;
import static com.relance.security.Groups.AUDITORS;
import static com.relance.security.Groups.CAMUNDA_ADMIN;
import static com.relance.security.Groups.CREDIT_MANAGEMENT;
import static com.relance.security.Groups.LEGAL;
import static com.relance.security.Groups.MONITORING;
import static com.relance.security.Groups.RELANCE_ADMINS;
import static com.relance.security.Groups.SALES;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. {@code /api}, {@code /engine-rest} and {@code /actuator}: HTTP Basic against
 * Camunda's identity service, stateless. Camunda's webapps keep their own login (and CSRF protection). Relance's
 * pages use a login form against the same identities (CSRF-protected). Nothing is open but the login
 * itself, the health probe, the customer's signed-link page and a collector's signed calendar feed.
 */
@Configuration
public class SecurityConfiguration {

    private static final String[] EVERY_GROUP = authorities(ACCOUNTING, SALES, CREDIT_MANAGEMENT, LEGAL, AUDITORS,
            RELANCE_ADMINS, CAMUNDA_ADMIN);
    private static final String[] HOLD_GROUPS = authorities(AccessRules.ACT_GROUPS.toArray(String[]::new));
    private static final String[] INTAKE_GROUPS = authorities(ACCOUNTING, CREDIT_MANAGEMENT, RELANCE_ADMINS, CAMUNDA_ADMIN);
    /** Metrics tell how much is owed and how many tasks wait: credit management, admins and the scraper's group. */
    private static final String[] MONITORING_GROUPS = authorities(MONITORING, CREDIT_MANAGEMENT, RELANCE_ADMINS,
            CAMUNDA_ADMIN);
    /** Whole invoice histories, every customer's: not for salespeople, who see their own customers only. */
    private static final String[] AUDIT_GROUPS = authorities(AccessRules.AUDIT_GROUPS.toArray(String[]::new));

    /**
     * The dashboards add up every customer's invoices: not for salespeople (they see their own
     * customers only), nor for legal.
     */
    private static final String[] REPORT_GROUPS = authorities(CREDIT_MANAGEMENT, ACCOUNTING, AUDITORS, RELANCE_ADMINS,
            CAMUNDA_ADMIN);
    /** What-if simulations and background jobs (imports too): the people who set policies and carry the workload. */
    private static final String[] SIMULATION_GROUPS = authorities(CREDIT_MANAGEMENT, ACCOUNTING, RELANCE_ADMINS,
            CAMUNDA_ADMIN);

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, CamundaIdentityAuthentication identities,
                                    IdentityService identityService, ObjectMapper json) throws Exception {
        // Path matchers, not MVC ones: /engine-rest and /camunda are served by other servlets than Spring MVC.
        http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**"), path("/actuator/**")))
                .authenticationProvider(identities)
                .authorizeHttpRequests(auth -> auth
                        // probes: open; components and details only for a logged-in Relance user (application.yml)
                        .requestMatchers(path(HttpMethod.GET, "/actuator/health/**")).permitAll()
                        .requestMatchers(path(HttpMethod.GET, "/actuator/prometheus"), path(HttpMethod.GET, "/actuator/metrics/**"))
                        .hasAnyAuthority(MONITORING_GROUPS)
                        .requestMatchers(path(HttpMethod.GET, "/actuator/info")).hasAnyAuthority(EVERY_GROUP)
                        .requestMatchers(path("/actuator/**")).denyAll()
                        // before the general read rule: audit trails are read (and exported) only, by fewer groups
                        .requestMatchers(path(HttpMethod.GET, "/api/audit/**")).hasAnyAuthority(AUDIT_GROUPS)
                        .requestMatchers(path("/api/audit/**")).denyAll()
                        .requestMatchers(path(HttpMethod.GET, "/api/reports/**")).hasAnyAuthority(REPORT_GROUPS)
                        .requestMatchers(path("/api/reports/**")).denyAll()
                        .requestMatchers(path("/api/simulations/**"), path("/api/jobs/**")).hasAnyAuthority(SIMULATION_GROUPS)
                        .requestMatchers(path(HttpMethod.GET, "/api/**")).hasAnyAuthority(EVERY_GROUP)
                        // salespeople hold their own customers' dunning (checked per customer)
                        .requestMatchers(path("/api/invoices/*/holds"), path("/api/customers/*/holds"),
                                path("/api/invoices/*/promises"), path("/api/invoices/*/disputes"))
                        .hasAnyAuthority(HOLD_GROUPS)
                        .requestMatchers(path("/api/invoices/**")).hasAnyAuthority(INTAKE_GROUPS)
                        // typology, risk class, contractual rate: what the dunning policy decides on
                        .requestMatchers(path(HttpMethod.PATCH, "/api/customers/*")).hasAnyAuthority(INTAKE_GROUPS)
                        // payments from a bank or ERP export: whoever may record a single payment
                        .requestMatchers(path("/api/payments/**")).hasAnyAuthority(INTAKE_GROUPS)
                        // the engine applies its own authorizations to the user set below
                        .requestMatchers(path("/engine-rest/**")).hasAnyAuthority(EVERY_GROUP)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName("Relance")
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Basic realm=\"Relance\"");
                            problem(response, json, HttpStatus.UNAUTHORIZED, "Log in with HTTP Basic (a Relance user)");
                        }))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
                        problem(response, json, HttpStatus.FORBIDDEN, "Your groups do not allow this")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Basic-authenticated machine clients send no cookies a browser could forge.
                .csrf(csrf -> csrf.disable())
                .addFilterAfter(new EngineAuthentication(identityService), BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
        // The webapps authenticate against the same identity service and protect themselves from CSRF.
        http.securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    /**
     * The customer's answer page: its signed link is the credential (PortalLinks). No cookie or
     * session authenticates it, so a forged cross-site request has nothing to ride on (no CSRF
     * token), and a visit creates no server session.
     */
    @Bean
    @Order(3)
    SecurityFilterChain customerPortal(HttpSecurity http) throws Exception {
        http.securityMatcher(path("/portal/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /**
     * A collector's calendar subscription: calendar apps cannot log in, so the signed URL is the
     * credential (calendar/CalendarFeedLinks), read-only, no session.
     */
    @Bean
    @Order(4)
    SecurityFilterChain calendarFeedSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(path("/calendar/feed/**"))
                .authorizeHttpRequests(auth -> auth.requestMatchers(path(HttpMethod.GET, "/calendar/feed/*")).permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain pages(HttpSecurity http, CamundaIdentityAuthentication identities) throws Exception {
        http.authenticationProvider(identities)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/login"), path("/error")).permitAll()
                        .requestMatchers(path("/audit/**")).hasAnyAuthority(AUDIT_GROUPS)
                        // the desk's buttons (hold, promise, dispute, comment): salespeople on their own customers
                        .requestMatchers(path(HttpMethod.POST, "/customers/**")).hasAnyAuthority(HOLD_GROUPS)
                        .requestMatchers(path("/dashboards/**")).hasAnyAuthority(REPORT_GROUPS)
                        .requestMatchers(path("/what-if/**"), path("/jobs/**")).hasAnyAuthority(SIMULATION_GROUPS)
                        .anyRequest().hasAnyAuthority(EVERY_GROUP))
                .formLogin(form -> form.defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    private static void problem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, detail));
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    private static String[] authorities(String... groups) {
        return Arrays.stream(groups).map(Groups::authority).toArray(String[]::new);
    }
}
