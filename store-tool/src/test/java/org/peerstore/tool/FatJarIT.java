package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable jar as an operator gets it ({@code target/peerstore-tool.jar}, built by the
 * shade plugin in {@code package}; run by failsafe in {@code integration-test}).
 */
class FatJarIT {
  private static final Path JAR = Paths.get(System.getProperty("peerstore.tool.jar"));
  private static final String VERSION = System.getProperty("peerstore.version");

  @Test
  void versionIsThePomsVersionFromTheManifest() throws Exception {
    String out = runJar("--version");
    assertThat(VERSION).isNotBlank();
    assertThat(out.strip()).isEqualTo("peerstore-tool " + VERSION);
  }

  @Test
  void loadsRocksDbFromTheNativesItCarries(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("db");
    runJar("simulate", "--db", db.toString(), "--peers", "50");
    assertThat(runJar("stats", "--db", db.toString())).containsPattern("(?m)^peers +50$");
  }

  /** Runs {@code java -jar peerstore-tool.jar args}; returns its output after a zero exit. */
  private static String runJar(String... args) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-jar",
        JAR.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s exits", command).isTrue();
    assertThat(p.exitValue()).as("%s%n%s", command, out).isZero();
    return out;
  }

  @Test
  void carriesRocksDbNativesForLinuxMacOsAndWindowsOnX8664AndArm64Only() throws IOException {
    assertThat(Files.isRegularFile(JAR)).as(JAR.toString()).isTrue();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> natives = jar.stream()
          .map(e -> e.getName())
          .filter(n -> n.startsWith("librocksdbjni"))
          .sorted()
          .collect(Collectors.toList());
      assertThat(natives).containsExactly(
          "librocksdbjni-linux-aarch64.so",
          "librocksdbjni-linux64.so",
          "librocksdbjni-osx-arm64.jnilib",
          "librocksdbjni-osx-x86_64.jnilib",
          "librocksdbjni-win64.dll");
    }
  }
}
