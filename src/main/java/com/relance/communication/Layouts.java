package com.relance.communication;

import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
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
    private final MessageSource labels = labels();

    public Layouts() {
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

    private static MessageSource labels() {
        ResourceBundleMessageSource english = bundle();
        ResourceBundleMessageSource labels = bundle();
        // A key missing from labels_<language> is read from labels_en (there is no language-less file).
        labels.setParentMessageSource(new EnglishLabels(english));
        return labels;
    }

    private static ResourceBundleMessageSource bundle() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("templates/labels");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setDefaultLocale(Locale.ENGLISH);
        return source;
    }

    /** Answers every lookup in English, whatever the locale asked. */
    private record EnglishLabels(MessageSource english) implements MessageSource {

        @Override
        public String getMessage(String code, Object[] args, String defaultMessage, Locale locale) {
            return english.getMessage(code, args, defaultMessage, Locale.ENGLISH);
        }

        @Override
        public String getMessage(String code, Object[] args, Locale locale) throws NoSuchMessageException {
            return english.getMessage(code, args, Locale.ENGLISH);
        }

        @Override
        public String getMessage(MessageSourceResolvable resolvable, Locale locale) throws NoSuchMessageException {
            return english.getMessage(resolvable, Locale.ENGLISH);
        }
    }
}
