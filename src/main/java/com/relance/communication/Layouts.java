package com.relance.communication;

import java.util.Locale;
import java.util.Map;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The HTML around a message ({@code templates/layout/<name>.html}), with the words it prints
 * around the text from {@code templates/labels_<language>.properties} (English when a label is
 * missing). Thymeleaf's {@code th:text} escapes every value: a customer called
 * {@code <script>} is printed, never run.
 */
@Component
public class Layouts {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final ResourceBundleMessageSource labels = new ResourceBundleMessageSource();

    public Layouts() {
        labels.setBasename("templates/labels");
        labels.setDefaultEncoding("UTF-8");
        labels.setFallbackToSystemLocale(false);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/layout/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(labels);
        engine.setEnableSpringELCompiler(true);
    }

    public String html(String layout, String language, Map<String, Object> model) {
        return engine.process(layout, new Context(Locale.forLanguageTag(language), model));
    }

    public String label(String key, String language) {
        return labels.getMessage(key, null, Locale.forLanguageTag(language));
    }
}
