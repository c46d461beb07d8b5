package org.mengkeju.platform.apidocs;

import java.lang.annotation.Annotation;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * A {@code @NotBlank} text refuses the empty string and whitespace alone; the generated schema says only what a
 * {@code @Size} beside it says ({@code minLength: 0}). This states the rule: at least one character that is not
 * white space.
 */
class NotBlankText implements PropertyCustomizer {

    /** JSON Schema patterns are not anchored: this matches any text with one non-white-space character. */
    static final String NOT_BLANK = "\\S";
    /** By name: the platform does not depend on Bean Validation, the services that use it do. */
    private static final String NOT_BLANK_ANNOTATION = "jakarta.validation.constraints.NotBlank";

    @Override
    @SuppressWarnings("rawtypes")
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || type.getCtxAnnotations() == null || !isNotBlank(type.getCtxAnnotations())) {
            return property;
        }
        if (property.getMinLength() == null || property.getMinLength() < 1) {
            property.setMinLength(1);
        }
        if (property.getPattern() == null) {
            property.setPattern(NOT_BLANK);
        }
        return property;
    }

    /**
     * A {@code @Size} beside it is applied to the property after this customizer and puts {@code minLength: 0}
     * back; run over the finished components, this restores the minimum wherever the pattern says not blank.
     */
    @SuppressWarnings("rawtypes")
    static void restoreMinimumLength(java.util.Map<String, Schema> schemas) {
        if (schemas == null) {
            return;
        }
        for (Schema schema : schemas.values()) {
            java.util.Map<String, Schema> properties = schema.getProperties();
            if (properties == null) {
                continue;
            }
            for (Schema property : properties.values()) {
                if (NOT_BLANK.equals(property.getPattern())
                        && (property.getMinLength() == null || property.getMinLength() < 1)) {
                    property.setMinLength(1);
                }
            }
        }
    }

    private static boolean isNotBlank(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (NOT_BLANK_ANNOTATION.equals(annotation.annotationType().getName())) {
                return true;
            }
        }
        return false;
    }
}
