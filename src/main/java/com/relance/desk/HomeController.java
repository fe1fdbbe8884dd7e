package com.relance.desk;

import com.relance.calendar.CalendarEntry;
import com.relance.calendar.DunningCalendar;
import com.relance.calendar.Viewer;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Relance's front door: the desk, with the day's work counted and a way to each tool. */
@Controller
class HomeController {

    private final DunningCalendar calendar;

    HomeController(DunningCalendar calendar) {
        this.calendar = calendar;
    }

    @GetMapping("/")
    String home(Authentication user, Model model) {
        Viewer viewer = Viewer.of(user);
        LocalDate today = calendar.today();
        List<CalendarEntry> mine = calendar.workOf(viewer, null, today);
        model.addAttribute("section", "home");
        model.addAttribute("today", today);
        model.addAttribute("dueToday", mine.stream().filter(e -> e.day().equals(today)).count());
        model.addAttribute("overdue", mine.stream().filter(e -> e.day().isBefore(today)).count());
        model.addAttribute("salesperson", !viewer.seesEveryCustomer());
        return "desk/home";
    }
}
