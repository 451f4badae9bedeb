package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in for Strimzi's CRD-generator annotation of the same name. io.strimzi:api's
 * classes carry it (runtime-visible) but declare the generator `provided`, and the
 * generator is not published to Maven Central; with this type on the classpath, the
 * JVM's reflection reads the annotation, so the validator checks what the CRD does.
 * Only the element the validator reads is declared; the JVM skips the others.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface PresentInVersions {
    /** A version range: "v1+", "v1beta2", "v1beta2-v1beta2". */
    String value();
}
