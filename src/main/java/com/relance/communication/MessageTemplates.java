package com.relance.communication;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders {@code templates/email/<name>_<language>.txt} (Thymeleaf text mode), falling back to
 * English. A template starts with a {@code Subject:} line, then a blank line, then the body.
 * Model objects are typed records: a misspelt variable fails rendering instead of printing nothing.
 */
@Component
public class MessageTemplates {

    static final String FOLDER = "templates/email/";
    static final String FALLBACK_LANGUAGE = "en";

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    public MessageTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(FOLDER);
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        engine.setTemplateResolver(resolver);
        engine.setEnableSpringELCompiler(true);
    }

    public RenderedMessage render(String template, String language, Map<String, Object> model) {
        String used = exists(template, language) ? language : FALLBACK_LANGUAGE;
        if (!exists(template, used)) {
            throw new IllegalStateException("No template " + FOLDER + template + "_" + used + ".txt");
        }
        Context context = new Context(Locale.forLanguageTag(used), model);
        String text = engine.process(template + "_" + used, context).replace("\r\n", "\n");
        return split(template + "_" + used, text, used);
    }

    public boolean exists(String template, String language) {
        return getClass().getClassLoader().getResource(FOLDER + template + "_" + language + ".txt") != null;
    }

    private static RenderedMessage split(String name, String text, String language) {
        int end = text.indexOf("\n\n");
        String head = end < 0 ? text : text.substring(0, end);
        if (!head.startsWith("Subject:") || head.contains("\n") || end < 0) {
            throw new IllegalStateException("Template " + name + " must start with one 'Subject:' line and a blank line");
        }
        String subject = head.substring("Subject:".length()).strip();
        String body = text.substring(end + 2).stripTrailing() + "\n";
        if (subject.isEmpty() || body.isBlank()) {
            throw new IllegalStateException("Template " + name + " rendered an empty subject or body");
        }
        return new RenderedMessage(subject, body, language);
    }
}
