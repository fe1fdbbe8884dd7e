package com.relance.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.Invoices;
import com.relance.browser.Browser;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The calendar page in headless Chromium, on invoices the real ladder brought to known dates
 * (engine clock on Tuesday 19 May 2026, 08:30 Paris): what is overdue and today comes first, each
 * action on its day, filters and the week view, a click opens the invoice; a salesperson sees
 * their own customers' actions only. Screenshots: target/screenshots/calendar-*.png.
 */
class CalendarBrowserTest extends CalendarSeeds {

    @LocalServerPort
    int port;

    private String overdueCall;
    private String todaysPreDue;
    private String wednesdaysCall;
    private String fridaysPreDue;

    private void seed() {
        overdueCall = Invoices.nextNumber();
        todaysPreDue = Invoices.nextNumber();
        wednesdaysCall = Invoices.nextNumber();
        fridaysPreDue = Invoices.nextNumber();
        callTask(overdueCall, "sam", LocalDate.of(2026, 5, 4));               // call task due Wed 13 May 09:00
        at(LocalDate.of(2026, 5, 11), LocalTime.of(10, 30), PARIS);
        waitingForPreDue(todaysPreDue, "sam", LocalDate.of(2026, 5, 24));     // pre-due Tue 19 May 09:00
        callTask(wednesdaysCall, "sophie", LocalDate.of(2026, 5, 11));        // call task due Wed 20 May 09:00
        waitingForPreDue(fridaysPreDue, "sam", LocalDate.of(2026, 5, 27));    // pre-due Fri 22 May 09:00
        at(LocalDate.of(2026, 5, 19), LocalTime.of(8, 30), PARIS);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void theCalendarShowsSeededActionsOnTheirDays_todayFirst_andOpensTheInvoice() {
        seed();
        try (Browser browser = new Browser()) {
            try {
                browser.logIn(base(), "colette", "colette-test");
                browser.driver.get(base() + "/calendar");
                browser.visible(By.cssSelector("h1"));
                assertThat(browser.driver.getTitle()).isEqualTo("Dunning calendar — Relance");

                // Overdue and today come first, in that order, before the coming days.
                List<String> sections = browser.driver.findElements(By.cssSelector("main section[id]")).stream()
                        .map(s -> s.getAttribute("id")).toList();
                assertThat(sections).startsWith("overdue", "today", "day-2026-05-20", "day-2026-05-21", "day-2026-05-22");
                assertThat(row(browser, "overdue", overdueCall).getText()).contains("Wed 13 May 09:00", "overdue",
                        "Call the customer", "PHONE", "accounting", "1,250.00 EUR");
                assertThat(row(browser, "today", todaysPreDue).getText()).contains("09:00", "Send the pre-due reminder",
                        "PRE_DUE", "EMAIL", "Relance (automatic)").doesNotContain("overdue");
                assertThat(row(browser, "day-2026-05-20", wednesdaysCall).getText()).contains("09:00", "Call the customer",
                        "LEVEL_2", "PHONE", "accounting");
                assertThat(row(browser, "day-2026-05-22", fridaysPreDue).getText()).contains("Send the pre-due reminder");
                assertThat(browser.driver.findElements(By.cssSelector("#day-2026-05-21 tr[data-invoice='" + fridaysPreDue + "']")))
                        .isEmpty();
                assertThat(browser.driver.findElement(By.id("today")).getText()).contains("Today, Tuesday 19 May 2026");
                assertThat(browser.driver.findElement(By.id("feed-url")).getDomProperty("value"))
                        .startsWith(base() + "/calendar/feed/").endsWith(".ics");
                browser.screenshot("calendar-day");

                // Only what colette has to do: the calls, not the automatic sends.
                new Select(browser.driver.findElement(By.name("collector"))).selectByValue("colette");
                browser.click(By.cssSelector("form.filters button[type='submit']"));
                browser.visible(By.id("overdue"));
                assertThat(rows(browser, todaysPreDue)).isEmpty();
                assertThat(rows(browser, wednesdaysCall)).hasSize(1);

                // The week view: the rest of this week, then the next ones.
                browser.driver.get(base() + "/calendar?view=week&customer=C-" + fridaysPreDue);
                assertThat(row(browser, "week-2026-05-18", fridaysPreDue).getText()).contains("Fri 22 May 09:00");
                assertThat(rows(browser, wednesdaysCall)).isEmpty();
                browser.driver.get(base() + "/calendar?view=week");
                browser.visible(By.id("week-2026-05-18"));
                browser.screenshot("calendar-week");

                // A click opens the invoice (collectors read its audit timeline).
                browser.driver.get(base() + "/calendar");
                browser.click(By.cssSelector("#day-2026-05-20 tr[data-invoice='" + wednesdaysCall + "'] a"));
                browser.waiting().until(d -> d.getCurrentUrl().endsWith("/audit/invoices/" + wednesdaysCall));
                assertThat(browser.visible(By.cssSelector("body")).getText()).contains(wednesdaysCall);
            } catch (AssertionError | RuntimeException e) {
                failed(browser, "calendar");
                throw e;
            }
        }
    }

    @Test
    void aSalespersonSeesOnlyTheirCustomersActions_onATablet() {
        seed();
        try (Browser tablet = new Browser("820,1180")) {
            try {
                tablet.logIn(base(), "sam", "sam-test");
                tablet.driver.get(base() + "/calendar");
                assertThat(row(tablet, "today", todaysPreDue).getText()).contains("Send the pre-due reminder");
                assertThat(row(tablet, "overdue", overdueCall).isDisplayed()).isTrue();
                assertThat(rows(tablet, wednesdaysCall)).as("sophie's customer").isEmpty();
                assertThat(tablet.driver.findElements(By.name("salesperson"))).as("no salesperson filter for sam").isEmpty();
                tablet.screenshot("calendar-tablet-salesperson");
                // His invoices open on the desk's own invoice page (no audit rights).
                tablet.click(By.cssSelector("#today tr[data-invoice='" + todaysPreDue + "'] a"));
                tablet.waiting().until(d -> d.getCurrentUrl().endsWith("/invoices/" + todaysPreDue));
                assertThat(tablet.visible(By.cssSelector("h1")).getText()).isEqualTo("Invoice " + todaysPreDue);
            } catch (AssertionError | RuntimeException e) {
                failed(tablet, "calendar-tablet");
                throw e;
            }
        }
    }

    private static WebElement row(Browser browser, String section, String invoice) {
        return browser.visible(By.cssSelector("#" + section + " tr[data-invoice='" + invoice + "']"));
    }

    private static List<WebElement> rows(Browser browser, String invoice) {
        return browser.driver.findElements(By.cssSelector("tr[data-invoice='" + invoice + "']"));
    }

    private static void failed(Browser browser, String name) {
        browser.screenshot("FAILED-" + name);
        browser.savePage("FAILED-" + name);
    }
}
