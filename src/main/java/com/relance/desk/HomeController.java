package com.relance.desk;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Relance's front door leads to the work: the Camunda Tasklist. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "redirect:/camunda/app/tasklist/";
    }
}
