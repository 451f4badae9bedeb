package io.strimzi.api.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in for Strimzi's annotation of the same name, which io.strimzi:api's classes carry but
 * which is not published on its own: see io.strimzi.crdgenerator.annotations.RequiredInVersions.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.TYPE})
public @interface DeprecatedProperty {
}
