package org.peerstore.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns JMH JSON result files (one run, or the parts of one profile) into the report: {@code NAME.md} (targets with verdicts, churn
 * rates, every result with error, median and ratios) and {@code NAME.png} (the chart), and
 * optionally splices the Markdown into a README between {@value #BEGIN} and {@value #END}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.peerstore.bench.report.ResultsReport \
 *     RUN.json... [--out DIR] [--name NAME] [--title TEXT] [--note TEXT]...
 *     [--readme benchmarks/README.md]
 * </pre>
 *
 * <p>{@code --out} defaults to the first JSON file's directory and {@code --name} to its base
 * name.
 * Not thread-safe (a main class).
 */
public final class ResultsReport {
  /** README marker before the spliced results. */
  public static final String BEGIN = "<!-- results:begin -->";
  /** README marker after the spliced results. */
  public static final String END = "<!-- results:end -->";

  private ResultsReport() {}

  /**
   * Writes the report (see the class comment for the arguments).
   *
   * @throws IllegalArgumentException on bad arguments or a README without the markers
   * @throws UncheckedIOException if a file cannot be read or written
   */
  public static void main(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException(
          "usage: ResultsReport RESULTS.json... [--out DIR] [--name NAME] [--title TEXT]"
              + " [--note TEXT]... [--readme README.md]");
    }
    List<Path> jsons = new ArrayList<>();
    int i = 0;
    while (i < args.length && !args[i].startsWith("--")) {
      jsons.add(Path.of(args[i++]));
    }
    if (jsons.isEmpty()) {
      throw new IllegalArgumentException("no JMH JSON file given");
    }
    Path outDir = jsons.get(0).toAbsolutePath().getParent();
    String name = jsons.get(0).getFileName().toString().replaceFirst("\\.json$", "");
    String title = null;
    Path readme = null;
    List<String> notes = new ArrayList<>();
    for (; i < args.length; i++) {
      String opt = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + opt + " needs a value");
      }
      String v = args[++i];
      switch (opt) {
        case "--out" -> outDir = Path.of(v);
        case "--name" -> name = v;
        case "--title" -> title = v;
        case "--note" -> notes.add(v);
        case "--readme" -> readme = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + opt);
      }
    }
    if (title == null) {
      title = "peerstore benchmarks: " + name;
    }
    List<Path> written = write(jsons, outDir, name, title, notes, readme);
    written.forEach(p -> System.out.println("wrote " + p));
  }

  /**
   * Writes {@code NAME.md} and {@code NAME.png} of the results in {@code jsons} into
   * {@code outDir} (and splices the README if
   * given); returns the files written.
   *
   * @throws IllegalArgumentException if the README lacks the markers
   * @throws UncheckedIOException if a file cannot be read or written
   */
  public static List<Path> write(
      List<Path> jsons, Path outDir, String name, String title, List<String> notes, Path readme) {
    List<Result> results = JmhJson.read(jsons);
    List<String> header = new ArrayList<>();
    header.add("## " + title);
    header.add("");
    header.add(JmhJson.runInfo(jsons));
    for (String n : notes) {
      header.add("");
      header.add(n);
    }
    Path md = outDir.resolve(name + ".md");
    Path png = outDir.resolve(name + ".png");
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(outDir);
      Files.writeString(md, MarkdownReport.render(results, header, png.getFileName().toString()),
          StandardCharsets.UTF_8);
      written.add(md);
      ResultsChart.write(results, title + " (ns/op)", png);
      written.add(png);
      if (readme != null) {
        String link = readme.toAbsolutePath().getParent().relativize(png.toAbsolutePath()).toString();
        splice(readme, MarkdownReport.render(results, header, link.replace('\\', '/')));
        written.add(readme);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
    return written;
  }

  /**
   * Replaces what is between the markers in {@code readme} with {@code content}.
   *
   * @throws IllegalArgumentException if a marker is missing
   */
  static void splice(Path readme, String content) throws IOException {
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int b = text.indexOf(BEGIN);
    int e = text.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException(readme + " has no " + BEGIN + " ... " + END + " section");
    }
    String spliced = text.substring(0, b + BEGIN.length()) + "\n" + content + "\n" + text.substring(e);
    Files.writeString(readme, spliced, StandardCharsets.UTF_8);
  }
}
