package booking.k8s.validate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.annotations.DeprecatedProperty;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.crdgenerator.annotations.Maximum;
import io.strimzi.crdgenerator.annotations.Minimum;
import io.strimzi.crdgenerator.annotations.MinimumItems;
import io.strimzi.crdgenerator.annotations.Pattern;
import io.strimzi.crdgenerator.annotations.PresentInVersions;
import io.strimzi.crdgenerator.annotations.RequiredInVersions;

import java.io.File;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML files and checks every kafka.strimzi.io document against Strimzi's API model
 * (io.strimzi:api): the API version is v1; the document deserializes into Strimzi's class for
 * its kind with unknown properties refused; and, walking the result, no object kept unknown
 * properties aside (Strimzi's and fabric8's classes collect them instead of failing), every
 * property required in v1 is set, no property that exists only before v1 or is deprecated is
 * set, and the minimums and maximums hold. Other documents are counted and left to the
 * Kubernetes schema check of `npm run k8s:check`. Exit 1 on any problem, each one named as
 * file, Kind/name and path.
 */
public final class ValidateStrimzi {
    static final String API_VERSION = "kafka.strimzi.io/v1";
    /** The API version this validator holds the manifests to. */
    static final String VERSION = "v1";
    private static final List<String> VERSION_ORDER = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");

    private static final Map<String, Class<?>> KINDS = Map.of(
            "Kafka", Kafka.class,
            "KafkaNodePool", KafkaNodePool.class,
            "KafkaTopic", KafkaTopic.class,
            "KafkaConnect", KafkaConnect.class,
            "KafkaConnector", KafkaConnector.class);

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper strict = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .enable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    final List<String> problems = new ArrayList<>();
    int strimziDocuments = 0;
    int otherDocuments = 0;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ValidateStrimzi <file.yaml>...");
            System.exit(2);
        }
        ValidateStrimzi validator = new ValidateStrimzi();
        for (String file : args) validator.validateFile(new File(file));
        for (String problem : validator.problems) System.err.println("✖ " + problem);
        System.out.printf("Strimzi API model (io.strimzi:api): %d resource(s) checked, %d problem(s); %d other document(s) left to the Kubernetes schema check%n",
                validator.strimziDocuments, validator.problems.size(), validator.otherDocuments);
        System.exit(validator.problems.isEmpty() ? 0 : 1);
    }

    void validateFile(File file) throws Exception {
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(file)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isMissingNode()) continue;
                validateDocument(file.getPath(), document);
            }
        }
    }

    void validateDocument(String file, JsonNode document) {
        String apiVersion = document.path("apiVersion").asText("");
        String kind = document.path("kind").asText("");
        if (!apiVersion.startsWith("kafka.strimzi.io/")) {
            otherDocuments++;
            return;
        }
        strimziDocuments++;
        String where = file + ": " + kind + "/" + document.path("metadata").path("name").asText("?");
        if (!API_VERSION.equals(apiVersion)) {
            problems.add(where + ": apiVersion is " + apiVersion + ", expected " + API_VERSION);
            return;
        }
        Class<?> type = KINDS.get(kind);
        if (type == null) {
            problems.add(where + ": kind " + kind + " is not one this project generates (" + KINDS.keySet() + ")");
            return;
        }
        Object resource;
        try {
            resource = strict.treeToValue(document, type);
        } catch (Exception error) {
            problems.add(where + ": " + firstLine(error.getMessage()));
            return;
        }
        walk(where, "", resource, new IdentityHashMap<>());
    }

    /** Visits every bean reachable from value, checking what Jackson's strictness cannot. */
    void walk(String where, String path, Object value, IdentityHashMap<Object, Boolean> seen) {
        if (value == null || isLeaf(value) || seen.put(value, Boolean.TRUE) != null) return;
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(where, path + "." + key, item, seen));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) walk(where, path + "[" + i++ + "]", item, seen);
            return;
        }
        if (!isModel(value.getClass())) return;
        List<BeanPropertyDefinition> properties = strict.getSerializationConfig()
                .introspect(strict.constructType(value.getClass())).findProperties();
        for (BeanPropertyDefinition property : properties) {
            if (!property.hasGetter()) continue;
            String at = path + "." + property.getName();
            Object child = property.getGetter().getValue(value);
            if (isAnyGetter(property)) continue;
            checkAnnotations(where, at, child, property);
            walk(where, at, child, seen);
        }
        Object unknown = additionalProperties(value);
        if (unknown instanceof Map<?, ?> extra && !extra.isEmpty()) {
            problems.add(where + ": unknown field(s) " + extra.keySet() + " at " + (path.isEmpty() ? "." : path));
        }
    }

    private void checkAnnotations(String where, String at, Object child, BeanPropertyDefinition property) {
        RequiredInVersions required = annotation(property, RequiredInVersions.class);
        if (required != null && inRange(required.value()) && isUnset(child)) {
            problems.add(where + ": " + at + " is required in " + VERSION);
        }
        PresentInVersions present = annotation(property, PresentInVersions.class);
        if (present != null && !inRange(present.value()) && !isUnset(child)) {
            problems.add(where + ": " + at + " exists only in " + present.value() + ", not in " + VERSION);
        }
        if (annotation(property, DeprecatedProperty.class) != null && !isUnset(child)) {
            problems.add(where + ": " + at + " is deprecated");
        }
        Minimum minimum = annotation(property, Minimum.class);
        if (minimum != null && child instanceof Number number && number.doubleValue() < minimum.value()) {
            problems.add(where + ": " + at + " is " + number + ", below the minimum " + minimum.value());
        }
        Maximum maximum = annotation(property, Maximum.class);
        if (maximum != null && child instanceof Number number && number.doubleValue() > maximum.value()) {
            problems.add(where + ": " + at + " is " + number + ", above the maximum " + maximum.value());
        }
        Pattern pattern = annotation(property, Pattern.class);
        // The CRD's pattern is an ECMA regex; those Strimzi uses read the same in Java.
        if (pattern != null && child instanceof String text && !java.util.regex.Pattern.compile(pattern.value()).matcher(text).find()) {
            problems.add(where + ": " + at + " is \"" + text + "\", which does not match " + pattern.value());
        }
        MinimumItems minimumItems = annotation(property, MinimumItems.class);
        if (minimumItems != null && child instanceof Collection<?> items && items.size() < minimumItems.value()) {
            problems.add(where + ": " + at + " has " + items.size() + " item(s), fewer than " + minimumItems.value());
        }
    }

    /** "v1+", "v1beta2", "v1beta1-v1beta2", or a comma list of these: does it include v1? */
    static boolean inRange(String range) {
        for (String part : range.split(",")) {
            String item = part.trim();
            int target = VERSION_ORDER.indexOf(VERSION);
            if (item.endsWith("+")) {
                if (target >= VERSION_ORDER.indexOf(item.substring(0, item.length() - 1))) return true;
            } else if (item.contains("-")) {
                String[] bounds = item.split("-", 2);
                if (target >= VERSION_ORDER.indexOf(bounds[0]) && target <= VERSION_ORDER.indexOf(bounds[1])) return true;
            } else if (item.equals(VERSION)) {
                return true;
            }
        }
        return false;
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(BeanPropertyDefinition property, Class<A> type) {
        for (AnnotatedMember member : new AnnotatedMember[] {property.getGetter(), property.getSetter(), property.getField()}) {
            if (member == null) continue;
            AnnotatedElement element = (AnnotatedElement) member.getAnnotated();
            A found = element.getAnnotation(type);
            if (found != null) return found;
        }
        return null;
    }

    private static boolean isAnyGetter(BeanPropertyDefinition property) {
        return "additionalProperties".equals(property.getName());
    }

    private static Object additionalProperties(Object bean) {
        try {
            return bean.getClass().getMethod("getAdditionalProperties").invoke(bean);
        } catch (ReflectiveOperationException notThere) {
            return null;
        }
    }

    private static boolean isUnset(Object value) {
        return value == null || (value instanceof Collection<?> c && c.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static boolean isLeaf(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>;
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith("io.strimzi.api.") || name.startsWith("io.fabric8.kubernetes.api.model.");
    }

    private static String firstLine(String message) {
        if (message == null) return "cannot be read";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
