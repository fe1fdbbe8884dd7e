package com.relance.simulation;

import com.relance.browser.Browser;
import static org.assertj.core.api.Assertions.assertThat;

import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.invoice.InvoiceRegistration;
import com.relance.progress.BackgroundJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The credit desk's dashboards and what-if in headless Chromium: the aging chart draws the seeded
 * invoices' numbers, a salesperson is refused, a simulation shows its progress bar and then its
 * result, a bad draft is refused on the page. Screenshots under target/screenshots.
 */
class DeskBrowserTest extends DunningTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    BackgroundJobs jobs;
    @Autowired
    WhatIf whatIf;
    @Autowired
    PolicyTables tables;
    @Autowired
    Clock clock;

    private Browser browser;

    @BeforeEach
    void open() {
        at(LocalDate.of(2026, 10, 15), LocalTime.of(10, 0), PARIS);
        browser = new Browser();
    }

    @AfterEach
    void close() {
        browser.close();
    }

    /**
     * Seeded in DKK (no other test uses it), as of 15 October 2026: 1000.00 due 2026-10-30 (not due),
     * 250.50 due 2026-10-01 (14 days late: 1-30), 75.00 due 2026-07-01 (106 days late: over 90).
     */
    @Test
    void theAgingChartDrawsTheSeededNumbers_andItsTableSaysTheSame() {
        seed("1000.00", "2026-09-30", "2026-10-30");
        seed("250.50", "2026-09-01", "2026-10-01");
        seed("75.00", "2026-06-01", "2026-07-01");

        logIn("colette", "/dashboards");
        browser.visible(By.id("aging-table-DKK"));
        browser.waiting().until(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                "return !!(window.relanceCharts && window.relanceCharts['aging-DKK']);")));

        @SuppressWarnings("unchecked")
        List<Number> drawn = (List<Number>) browser.driver.executeScript(
                "return window.relanceCharts['aging-DKK'].data.datasets[0].data;");
        assertThat(drawn).extracting(Number::doubleValue).containsExactly(1000.0, 250.5, 0.0, 0.0, 75.0);
        @SuppressWarnings("unchecked")
        List<Number> heights = (List<Number>) browser.driver.executeScript(
                "return window.relanceCharts['aging-DKK'].getDatasetMeta(0).data.map(b => b.height);");
        assertThat(heights.get(0).doubleValue()).as("the 1000 bar is drawn").isGreaterThan(heights.get(1).doubleValue());
        assertThat(heights.get(1).doubleValue()).isGreaterThan(heights.get(4).doubleValue()).isPositive();
        assertThat(browser.driver.findElements(By.cssSelector("#aging-table-DKK tbody td.amount")))
                .extracting(WebElement::getText).containsExactly("1,000.00", "250.50", "0.00", "0.00", "75.00");
        assertThat(browser.driver.findElements(By.cssSelector("#aging-table-DKK tbody td.count")))
                .extracting(WebElement::getText).containsExactly("1", "1", "0", "0", "1");
        assertThat(browser.driver.findElement(By.cssSelector("canvas[data-currency='DKK']")).getAttribute("aria-label"))
                .contains("DKK");
        browser.screenshot("dashboards");

        browser.driver.manage().window().setSize(new Dimension(820, 1180)); // a tablet, portrait
        browser.driver.navigate().refresh();
        browser.visible(By.id("aging-table-DKK"));
        assertThat((Long) browser.driver.executeScript("return document.documentElement.scrollWidth;"))
                .as("no sideways scrolling on a tablet").isLessThanOrEqualTo(820);
        browser.screenshot("dashboards-tablet");
    }

    @Test
    void aSalespersonIsRefusedTheDashboardsAndTheWhatIf() {
        logIn("sam", "/dashboards");
        browser.waiting().until(d -> d.getPageSource().contains("Not allowed"));
        assertThat(browser.driver.findElements(By.id("aging-title"))).isEmpty();
        browser.driver.get(url("/what-if"));
        browser.waiting().until(d -> d.getPageSource().contains("Not allowed"));
        assertThat(browser.driver.findElements(By.id("simulate"))).isEmpty();
    }

    @Test
    void aSimulationShowsItsProgressBar_thenItsResult() throws Exception {
        registration.register(Invoices.french(Invoices.nextNumber(), LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1)));
        CountDownLatch release = new CountDownLatch(1);
        PolicyTables.Table table = tables.deployed(null);
        // A job held at 40 % until the page has shown it: the page's own polling then brings the result.
        BackgroundJobs.Job job = jobs.start(WhatIf.JOB_KIND, "colette", progress -> {
            progress.accept(40);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return whatIf.run(table, 30, clock.instant(), progress);
        });

        logIn("colette", "/what-if/runs/" + job.id());
        WebElement bar = browser.visible(By.id("job-progress"));
        browser.waiting().until(d -> "40".equals(bar.getDomProperty("value").replace(".0", "")));
        browser.screenshot("what-if-progress");
        release.countDown();

        resultShown("what-if-failed");
        assertThat(browser.driver.findElements(By.id("job-progress"))).isEmpty();
        assertThat(Integer.parseInt(browser.driver.findElement(By.id("invoices-simulated")).getText())).isPositive();
        browser.waiting().until(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                "return !!(window.relanceCharts && window.relanceCharts.reminders);")));
        long remindersDrawn = (Long) browser.driver.executeScript("return window.relanceCharts.reminders.data.datasets"
                + ".reduce((n, s) => n + s.data.reduce((a, b) => a + b, 0), 0);");
        long remindersListed = browser.driver.findElements(By.cssSelector("#reminder-totals td.num")).stream()
                .mapToLong(td -> Long.parseLong(td.getText())).sum();
        assertThat(remindersDrawn).isEqualTo(remindersListed).isPositive();
    }

    @Test
    void theFormStartsASimulation_andABadDraftIsRefusedOnThePage() throws Exception {
        logIn("colette", "/what-if");
        browser.click(By.cssSelector("input[name=days][value='30']"));
        browser.click(By.id("simulate"));
        resultShown("what-if-failed");
        assertThat(browser.driver.getCurrentUrl()).contains("/what-if/runs/");
        assertThat(browser.driver.findElement(By.id("result-title")).getText()).contains("30 days");
        browser.screenshot("what-if");

        Path bad = Files.createTempFile("draft", ".dmn");
        Files.writeString(bad, "<definitions>not a decision table");
        browser.driver.get(url("/what-if"));
        browser.visible(By.id("draft")).sendKeys(bad.toAbsolutePath().toString());
        browser.click(By.id("simulate"));
        WebElement error = browser.visible(By.id("what-if-errors"));
        assertThat(error.getText()).contains("draft: not a DMN file");
        browser.screenshot("what-if-refused");
        Files.delete(bad);
    }

    /** Waits for the result; keeps the page when it does not come (what it shows instead explains why). */
    private void resultShown(String name) {
        try {
            browser.visible(By.id("what-if-result"));
        } catch (RuntimeException e) {
            browser.savePage(name);
            throw e;
        }
    }

    private void seed(String amount, String issued, String due) {
        registration.register(Invoices.intake(Invoices.nextNumber(), "fr", "FR", "DKK", amount, amount,
                LocalDate.parse(issued), LocalDate.parse(due)));
    }

    private void logIn(String user, String page) {
        browser.driver.get(url(page));
        browser.visible(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(user + "-test");
        browser.click(By.cssSelector("button[type=submit]"));
        browser.waiting().until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
