package dev.signalyard.schemas.serde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every schema version Signalyard has released, looked up by CRC-64-AVRO fingerprint so that a
 * single-object encoded record written with any of them can still be decoded.
 *
 * <p>Released versions live on the classpath as {@code
 * dev/signalyard/schemas/released/<Full.Name>/v<N>.avsc} and are listed in {@code
 * dev/signalyard/schemas/released/index.txt}, because a classpath directory inside a jar cannot be
 * listed. A released file is never changed: records written with it may still sit in a topic.
 *
 * <p>Thread-safety: immutable once built; one instance can be shared by all threads.
 */
public final class SignalyardSchemaStore implements SchemaStore {

  static final String RELEASED_ROOT = "dev/signalyard/schemas/released/";

  private static final String INDEX = "index.txt";
  private static final Pattern ENTRY =
      Pattern.compile(
          "([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)/v([1-9][0-9]{0,8})\\.avsc");

  private final Map<Long, Schema> byFingerprint;
  private final SortedMap<String, List<Schema>> versionsByName;

  private SignalyardSchemaStore(
      Map<Long, Schema> byFingerprint, SortedMap<String, List<Schema>> versionsByName) {
    this.byFingerprint = Map.copyOf(byFingerprint);
    this.versionsByName = Collections.unmodifiableSortedMap(versionsByName);
  }

  /** The versions released with this build, loaded on first use. */
  public static SignalyardSchemaStore released() {
    return Released.INSTANCE;
  }

  /**
   * Loads the store listed in {@code root + "index.txt"}; fails on anything that would make a
   * fingerprint lookup ambiguous or a version history misleading.
   */
  static SignalyardSchemaStore load(ClassLoader loader, String root) {
    Map<String, TreeMap<Integer, Schema>> found = new TreeMap<>();
    Map<Long, Schema> byFingerprint = new HashMap<>();
    List<String> lines = readLines(loader, root + INDEX);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = root + INDEX + " line " + (i + 1) + " (" + line + ")";
      Matcher entry = ENTRY.matcher(line);
      if (!entry.matches()) {
        throw new IllegalStateException(where + ": expected <full name>/v<N>.avsc");
      }
      String name = entry.group(1);
      int version = Integer.parseInt(entry.group(2));
      Schema schema = parse(loader, root + line, where);
      if (!schema.getFullName().equals(name)) {
        throw new IllegalStateException(
            where + ": file declares " + schema.getFullName() + ", not " + name);
      }
      if (found.computeIfAbsent(name, n -> new TreeMap<>()).putIfAbsent(version, schema) != null) {
        throw new IllegalStateException(where + ": listed twice");
      }
      long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
      // Versions with one fingerprint differ only in what the parsing canonical form drops (docs,
      // defaults, logical types); a writer fingerprint cannot tell them apart.
      Schema same = byFingerprint.putIfAbsent(fingerprint, schema);
      if (same != null) {
        throw new IllegalStateException(
            where + ": parses to the same schema as an earlier version of " + same.getFullName());
      }
    }
    SortedMap<String, List<Schema>> versionsByName = new TreeMap<>();
    found.forEach(
        (name, versions) -> {
          if (versions.lastKey() != versions.size()) {
            throw new IllegalStateException(
                root
                    + INDEX
                    + ": versions of "
                    + name
                    + " must be v1..vN without gaps, found "
                    + versions.keySet());
          }
          versionsByName.put(name, List.copyOf(versions.values()));
        });
    return new SignalyardSchemaStore(byFingerprint, versionsByName);
  }

  /** The released schema with this parsing fingerprint, or {@code null} if none has it. */
  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** Released versions of the named schema, oldest first; empty if it was never released. */
  public List<Schema> versions(String fullName) {
    return versionsByName.getOrDefault(fullName, List.of());
  }

  /** Full names of all released schemas, sorted. */
  public Set<String> names() {
    return versionsByName.keySet();
  }

  private static List<String> readLines(ClassLoader loader, String resource) {
    try (InputStream in = open(loader, resource, "the index of released schemas");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  private static Schema parse(ClassLoader loader, String resource, String where) {
    InputStream in = open(loader, resource, where);
    try (in) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(where + ": not a valid Avro schema: " + e.getMessage(), e);
    }
  }

  private static InputStream open(ClassLoader loader, String resource, String what) {
    InputStream in = loader.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(what + ": classpath resource " + resource + " not found");
    }
    return in;
  }

  /** Holder idiom: the JVM loads the released store once, on first call of released(). */
  private static final class Released {
    static final SignalyardSchemaStore INSTANCE =
        load(SignalyardSchemaStore.class.getClassLoader(), RELEASED_ROOT);
  }
}
