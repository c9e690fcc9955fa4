package org.peerstore.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the results as a PNG: one cluster of horizontal bars per benchmark and parameter set,
 * one bar per implementation (fixed colours, legend on top), on a logarithmic ns/op axis, with
 * the 99.9% error as a whisker. Uses Java2D only, headless. Stateless and thread-safe.
 */
final class ResultsChart {
  private static final List<String> ORDER =
      List.of("memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped", "baseline-map",
          "baseline-rocksdb");
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0xff7f0e), new Color(0x2ca02c),
    new Color(0x9ecae1), new Color(0xf5a3a3)
  };
  static {
    if (COLORS.length != ORDER.size()) {
      throw new AssertionError("one color per implementation in ORDER");
    }
  }

  private static final Color OTHER = new Color(0x7f7f7f);

  private static final int WIDTH = 1500;
  private static final int LABEL_W = 430;
  private static final int VALUE_W = 150;
  private static final int BAR_H = 11;
  private static final int BAR_GAP = 2;
  private static final int GROUP_GAP = 12;
  private static final int TOP = 70;
  private static final int BOTTOM = 40;

  private ResultsChart() {}

  /**
   * Writes the chart of {@code results} to {@code png}.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  static void write(List<Result> results, String title, Path png) {
    System.setProperty("java.awt.headless", "true");
    Ratios ratios = new Ratios(results);
    Map<String, Map<String, Result>> groups = ratios.groups();
    int bars = results.size();
    int height = TOP + BOTTOM + bars * (BAR_H + BAR_GAP) + groups.size() * GROUP_GAP;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Result r : results) {
      min = Math.min(min, r.nsPerOp());
      max = Math.max(max, r.nsPerOp() + (Double.isNaN(r.errorNs()) ? 0 : r.errorNs()));
    }
    double lo = Math.floor(Math.log10(Math.max(min, 1e-3)));
    double hi = Math.ceil(Math.log10(Math.max(max, 10)));
    if (hi <= lo) {
      hi = lo + 1;
    }
    BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      int x0 = LABEL_W;
      int x1 = WIDTH - VALUE_W;
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, 10, 22);
      legend(g, 10, 45);
      axis(g, x0, x1, lo, hi, height);

      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      FontMetrics fm = g.getFontMetrics();
      int y = TOP;
      for (Map<String, Result> group : groups.values()) {
        Result first = group.values().iterator().next();
        String label = first.benchmark().replace("Benchmark.", ".")
            + (first.variant().isEmpty() ? "" : " [" + first.variant() + "]")
            + (first.threads() > 1 ? " ×" + first.threads() + " threads" : "");
        int groupTop = y;
        for (String impl : sorted(group)) {
          Result r = group.get(impl);
          int bx = xOf(r.nsPerOp(), x0, x1, lo, hi);
          g.setColor(colorOf(impl));
          g.fillRect(x0, y, Math.max(1, bx - x0), BAR_H);
          int textX = bx;
          if (!Double.isNaN(r.errorNs()) && r.errorNs() > 0) {
            int ex0 = xOf(Math.max(r.nsPerOp() - r.errorNs(), Math.pow(10, lo)), x0, x1, lo, hi);
            int ex1 = xOf(r.nsPerOp() + r.errorNs(), x0, x1, lo, hi);
            textX = Math.max(textX, ex1);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(ex0, y + BAR_H / 2, ex1, y + BAR_H / 2);
            g.drawLine(ex1, y + 2, ex1, y + BAR_H - 2);
          }
          g.setColor(Color.BLACK);
          g.drawString(MarkdownReport.number(r.nsPerOp()) + " ns", Math.min(textX, x1) + 6, y + BAR_H - 1);
          y += BAR_H + BAR_GAP;
        }
        g.setColor(Color.BLACK);
        int labelY = groupTop + (y - groupTop) / 2 + fm.getAscent() / 2 - 1;
        g.drawString(fit(label, fm, LABEL_W - 16), 8, labelY);
        g.setColor(new Color(0xdddddd));
        g.drawLine(8, y + GROUP_GAP / 2 - 1, WIDTH - 8, y + GROUP_GAP / 2 - 1);
        y += GROUP_GAP;
      }
    } finally {
      g.dispose();
    }
    try {
      ImageIO.write(img, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }

  private static List<String> sorted(Map<String, Result> group) {
    return group.keySet().stream()
        .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
        .toList();
  }

  private static int rank(String impl) {
    int i = ORDER.indexOf(impl);
    return i < 0 ? ORDER.size() : i;
  }

  private static Color colorOf(String impl) {
    int i = ORDER.indexOf(impl);
    return i < 0 ? OTHER : COLORS[i];
  }

  private static int xOf(double ns, int x0, int x1, double lo, double hi) {
    double v = Math.log10(Math.max(ns, Math.pow(10, lo)));
    return x0 + (int) Math.round((v - lo) / (hi - lo) * (x1 - x0));
  }

  private static void legend(Graphics2D g, int x, int y) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < ORDER.size(); i++) {
      g.setColor(COLORS[i]);
      g.fillRect(x, y - 10, 14, 12);
      g.setColor(Color.BLACK);
      g.drawString(ORDER.get(i), x + 18, y);
      x += 18 + fm.stringWidth(ORDER.get(i)) + 24;
    }
    g.drawString("ns/op, log scale; whisker = 99.9% CI", x + 20, y);
  }

  private static void axis(Graphics2D g, int x0, int x1, double lo, double hi, int height) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int d = (int) lo; d <= (int) hi; d++) {
      int x = xOf(Math.pow(10, d), x0, x1, lo, hi);
      g.setColor(new Color(0xeeeeee));
      g.drawLine(x, TOP - 6, x, height - BOTTOM + 4);
      g.setColor(Color.DARK_GRAY);
      String label = decade(d);
      g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, height - BOTTOM + 20);
    }
  }

  private static String decade(int d) {
    String[] units = {"ns", "µs", "ms", "s"};
    if (d < 0) {
      return "1e" + d + " ns";
    }
    int u = Math.min(d / 3, units.length - 1);
    long v = (long) Math.pow(10, d - 3L * u);
    return v + " " + units[u];
  }

  private static String fit(String s, FontMetrics fm, int width) {
    if (fm.stringWidth(s) <= width) {
      return s;
    }
    String t = s;
    while (t.length() > 3 && fm.stringWidth(t + "…") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "…";
  }
}
