package com.relance.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.browser.Browser;
import com.relance.dunning.ProcessVariables;
import com.relance.invoice.InvoiceRegistration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The real Camunda Tasklist in a real browser: a collector works the level-2 call with its
 * Camunda Form, and a salesperson sees their own customers' tasks only. Screenshots of failures
 * go to target/screenshots.
 */
@ExtendWith(TasklistBrowserTest.ScreenshotOnFailure.class)
class TasklistBrowserTest extends DunningTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;

    static Browser browser;
    private String name;

    @BeforeEach
    void open(TestInfo test) {
        name = test.getTestMethod().orElseThrow().getName();
        browser = new Browser();
    }

    @Test
    void aCollectorCompletesTheLevel2CallInTheTasklist_andTheLadderMovesOn() {
        String number = Invoices.nextNumber();
        ProcessInstance instance = atCall(number, "sam");

        logIn("colette");
        openFilter("Accounting queue");
        openTask("Call the customer · " + number);
        browser.visible(By.xpath("//label[contains(., 'Outcome of the call')]"));
        // The form shows the invoice's facts from the process.
        browser.waiting().until(d -> number.equals(field("Invoice").getDomProperty("value")));
        assertThat(field("Outstanding").getDomProperty("value")).isEqualTo("€1,250.00");
        assertThat(field("Days late").getDomProperty("value")).isEqualTo("48"); // due 31 March, called 18 May
        claimIfNeeded();
        browser.click(By.xpath("//label[normalize-space(.)='No answer']"));
        By notes = By.xpath("//label[contains(., 'Notes on the call')]/following::textarea[1]");
        browser.click(notes);
        browser.visible(notes).sendKeys("Rang twice at 10:00 and 14:00");
        browser.screenshot(name + "-filled");
        browser.click(By.xpath("//button[normalize-space(.)='Complete']"));
        browser.waiting().until(d -> tasks.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_CallCustomer").count() == 0);
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(
                By.xpath("//ol[contains(@class,'tasks-list')]//a[contains(., '" + number + "')]")));
        browser.screenshot(name + "-done");

        assertThat(instance).hasPassed("Task_CallCustomer").isWaitingAt("Timer_FormalNoticeDue");
        assertThat(runtime.getVariable(instance.getId(), ProcessVariables.CALL_OUTCOME)).isEqualTo("noAnswer");
        assertThat(runtime.getVariable(instance.getId(), "callNotes")).isEqualTo("Rang twice at 10:00 and 14:00");
        HistoricTaskInstance call = history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_CallCustomer").singleResult();
        assertThat(call.getAssignee()).isEqualTo("colette");
        assertThat(call.getDeleteReason()).isEqualTo("completed");
    }

    @Test
    void aSalespersonSeesOnlyTheirOwnCustomersTasks() {
        String sams = Invoices.nextNumber();
        String sophies = Invoices.nextNumber();
        disputeOf(atCall(sams, "sam"));
        disputeOf(atCall(sophies, "sophie"));

        logIn("sam");
        openFilter("My customers");
        browser.visible(By.xpath("//ol[contains(@class,'tasks-list')]//a[contains(., 'Resolve the dispute · " + sams + "')]"));
        browser.screenshot(name + "-sam");
        List<String> listed = browser.driver.findElements(By.cssSelector("ol.tasks-list li.task h4 a")).stream()
                .map(WebElement::getText).toList();
        assertThat(String.join("\n", listed)).contains(sams).doesNotContain(sophies);
        List<String> filters = browser.driver.findElements(By.cssSelector(".task-filters .item")).stream()
                .map(WebElement::getText).toList();
        assertThat(String.join("\n", filters)).contains("My customers", "My tasks").doesNotContain("Accounting queue",
                "Escalations to decide");
    }

    private ProcessInstance atCall(String number, String salesRep) {
        // Monday 11 May, inside the morning sending window: overdue level 1 goes at once, level 2 a week later.
        at(LocalDate.of(2026, 5, 11), LocalTime.of(10, 0), PARIS);
        registration.register(Invoices.french(number, "sme", salesRep, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
        ProcessInstance instance = instanceOf(number);
        runDueJobs(instance);
        at(LocalDate.of(2026, 5, 18), LocalTime.of(9, 0), PARIS);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Task_CallCustomer");
        return instance;
    }

    private void disputeOf(ProcessInstance instance) {
        Task call = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        tasks.complete(call.getId(), Map.of(ProcessVariables.CALL_OUTCOME, "dispute", ProcessVariables.DISPUTE_REASON,
                "Delivered incomplete"));
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Task_ResolveDispute");
    }

    private static WebElement field(String label) {
        return browser.driver.findElement(By.xpath("//label[normalize-space(.)='" + label + "']/following::input[1]"));
    }

    private void logIn(String user) {
        browser.driver.get("http://localhost:" + port + "/camunda/app/tasklist/");
        browser.visible(By.cssSelector("input[ng-model='username']")).sendKeys(user);
        browser.driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(user + "-test");
        browser.click(By.cssSelector("button[type='submit']"));
        browser.visible(By.cssSelector(".task-filters"));
    }

    private void openFilter(String filter) {
        browser.click(By.xpath("//*[contains(@class,'task-filters')]//*[contains(@class,'item')]//*[contains(normalize-space(.), '"
                + filter + "')]"));
    }

    private void openTask(String title) {
        browser.click(By.xpath("//ol[contains(@class,'tasks-list')]//a[contains(normalize-space(.), '" + title + "')]"));
    }

    private void claimIfNeeded() {
        List<WebElement> claim = browser.driver.findElements(By.xpath("//*[normalize-space(text())='Claim']"));
        if (!claim.isEmpty()) {
            claim.get(0).click();
            browser.visible(By.xpath("//*[contains(@class,'assignee')]//*[contains(., 'Colette')]"));
        }
    }

    /** Saves the page as it was when a test failed, then closes the browser (watchers run after @AfterEach). */
    static class ScreenshotOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
                browser.savePage("FAILED-" + context.getRequiredTestMethod().getName());
            }
            close();
        }

        @Override
        public void testSuccessful(ExtensionContext context) {
            close();
        }

        @Override
        public void testAborted(ExtensionContext context, Throwable cause) {
            close();
        }

        private static void close() {
            if (browser != null) {
                browser.close();
                browser = null;
            }
        }
    }
}
