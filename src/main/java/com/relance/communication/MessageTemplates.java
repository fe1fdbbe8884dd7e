package com.relance.communication;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders {@code templates/<folder>/<name>_<language>.txt} (Thymeleaf text mode), falling back to
 * English. A message template starts with a {@code Subject:} line, then a blank line, then the
 * body; an SMS template is all body. Model objects are typed records: a misspelt variable fails
 * rendering instead of printing nothing.
 */
@Component
public class MessageTemplates {

    static final String ROOT = "templates/";
    static final String FALLBACK_LANGUAGE = "en";

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    public MessageTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(ROOT);
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        engine.setTemplateResolver(resolver);
        engine.setEnableSpringELCompiler(true);
    }

    /** A message with a subject line. */
    public RenderedMessage render(String folder, String template, String language, Map<String, Object> model) {
        String used = languageFor(folder, template, language);
        String text = process(folder, template, used, model);
        return split(folder + "/" + template + "_" + used, text, used);
    }

    /** A text without subject (an SMS): one line, whitespace collapsed. */
    public RenderedMessage renderText(String folder, String template, String language, Map<String, Object> model) {
        String used = languageFor(folder, template, language);
        String text = process(folder, template, used, model).strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            throw new IllegalStateException("Template " + folder + "/" + template + "_" + used + " rendered nothing");
        }
        return new RenderedMessage("", text, used);
    }

    public boolean exists(String folder, String template, String language) {
        return getClass().getClassLoader().getResource(ROOT + folder + "/" + template + "_" + language + ".txt") != null;
    }

    private String languageFor(String folder, String template, String language) {
        String used = exists(folder, template, language) ? language : FALLBACK_LANGUAGE;
        if (!exists(folder, template, used)) {
            throw new IllegalStateException("No template " + ROOT + folder + "/" + template + "_" + used + ".txt");
        }
        return used;
    }

    private String process(String folder, String template, String language, Map<String, Object> model) {
        Context context = new Context(Locale.forLanguageTag(language), model);
        return engine.process(folder + "/" + template + "_" + language, context).replace("\r\n", "\n");
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
