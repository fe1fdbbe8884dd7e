package com.relance.calendar;

import com.relance.dunning.DunningStage;
import com.relance.security.Groups;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The collector's calendar page: what is overdue and due today first, then the coming days (or
 * weeks), filterable; each action links to its invoice.
 */
@Controller
class CalendarPages {

    /** A block of the page: a day, or a week. */
    record Section(String id, String title, boolean highlight, List<CalendarEntry> entries) {
    }

    private static final int DAYS = 7;
    private static final int WEEKS = 4;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private final DunningCalendar calendar;
    private final CalendarFeedLinks links;
    private final CalendarProperties properties;
    private final IdentityService identity;

    CalendarPages(DunningCalendar calendar, CalendarFeedLinks links, CalendarProperties properties,
                  IdentityService identity) {
        this.calendar = calendar;
        this.links = links;
        this.properties = properties;
        this.identity = identity;
    }

    @GetMapping("/calendar")
    String calendar(@RequestParam(defaultValue = "day") String view, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String collector, @RequestParam(required = false) String salesperson,
                    @RequestParam(required = false) String customer, @RequestParam(required = false) String stage,
                    Authentication user, Model model) {
        if (!view.equals("day") && !view.equals("week")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "view must be day or week");
        }
        if (stage != null && !stage.isBlank() && !DunningStage.isKnown(stage)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown stage");
        }
        LocalDate today = calendar.today();
        LocalDate start;
        try {
            start = from == null || from.isBlank() ? today : LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from must be a date (yyyy-mm-dd)");
        }
        boolean weeks = view.equals("week");
        if (weeks) {
            start = start.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
        LocalDate end = weeks ? start.plusWeeks(WEEKS).minusDays(1) : start.plusDays(DAYS - 1);
        Viewer viewer = Viewer.of(user);
        CalendarFilter filter = new CalendarFilter(collector, viewer.seesEveryCustomer() ? salesperson : null, customer,
                stage);
        // From today on, what is still waiting from before comes first: the collector's day starts there.
        boolean fromToday = !start.isAfter(today) && !end.isBefore(today);
        List<CalendarEntry> entries = calendar.entries(fromToday ? null : start, end, filter, viewer);

        List<Section> sections = new ArrayList<>();
        if (fromToday) {
            List<CalendarEntry> overdue = entries.stream().filter(e -> e.day().isBefore(today)).toList();
            List<CalendarEntry> now = entries.stream().filter(e -> e.day().equals(today)).toList();
            sections.add(new Section("overdue", "Overdue", true, overdue));
            sections.add(new Section("today", "Today, " + DAY.format(today), true, now));
        }
        if (weeks) {
            for (LocalDate monday = start; !monday.isAfter(end); monday = monday.plusWeeks(1)) {
                LocalDate first = monday;
                LocalDate sunday = monday.plusDays(6);
                LocalDate after = fromToday ? today : null;
                List<CalendarEntry> week = entries.stream().filter(e -> !e.day().isBefore(first) && !e.day().isAfter(sunday))
                        .filter(e -> after == null || e.day().isAfter(after)).toList();
                sections.add(new Section("week-" + monday, "Week " + monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + ", "
                        + monday + " to " + sunday + (fromToday && !today.isBefore(monday) ? " (after today)" : ""),
                        false, week));
            }
        } else {
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                if (fromToday && !day.isAfter(today)) {
                    continue; // already above
                }
                LocalDate d = day;
                sections.add(new Section("day-" + day, DAY.format(day), false,
                        entries.stream().filter(e -> e.day().equals(d)).toList()));
            }
        }

        model.addAttribute("section", "calendar");
        model.addAttribute("view", view);
        model.addAttribute("from", start);
        model.addAttribute("previous", weeks ? start.minusWeeks(WEEKS) : start.minusDays(DAYS));
        model.addAttribute("next", weeks ? start.plusWeeks(WEEKS) : start.plusDays(DAYS));
        model.addAttribute("today", today);
        model.addAttribute("filter", filter);
        model.addAttribute("sections", sections);
        model.addAttribute("count", entries.size());
        model.addAttribute("timeZone", properties.timeZone());
        model.addAttribute("stages", Arrays.stream(DunningStage.values()).map(Enum::name).toList());
        model.addAttribute("collectors", members(Groups.ACCOUNTING, Groups.CREDIT_MANAGEMENT, Groups.LEGAL));
        model.addAttribute("salespeople", viewer.seesEveryCustomer() ? members(Groups.SALES) : List.of());
        model.addAttribute("feedUrl", (properties.baseUrl().isEmpty()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() : properties.baseUrl())
                + links.pathFor(viewer.user()));
        return "calendar/calendar";
    }

    private Set<String> members(String... groups) {
        Set<String> users = new TreeSet<>();
        for (String group : groups) {
            identity.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).forEach(users::add);
        }
        return users;
    }
}
