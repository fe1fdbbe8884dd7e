package com.relance.desk;

import com.relance.security.AccessRules;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the desk's shared layout (templates/desk/_layout.html) shows: who is logged in, which links they may follow. */
@ControllerAdvice(basePackages = {"com.relance.desk", "com.relance.calendar", "com.relance.reporting",
        "com.relance.simulation"})
class DeskLayout {

    @ModelAttribute
    void layout(Authentication user, Model model) {
        if (user == null) {
            return;
        }
        model.addAttribute("deskUser", user.getName());
        model.addAttribute("mayAudit", AccessRules.mayReadAudit(AccessRules.groupsOf(user)));
        model.addAttribute("mayAct", AccessRules.mayAct(AccessRules.groupsOf(user)));
    }
}
