package org.peerstore.tool;

import java.io.PrintWriter;
import org.peerstore.PeerstoreException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one clear line on standard error and an exit code, never a stack
 * trace: bad usage exits with 2, a {@link ToolException} with its own code (2 bad input, 3 store
 * in use), storage failures during an operation and anything unexpected with 1. Stateless and thread-safe.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    err.println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    int code;
    String message;
    if (ex instanceof ToolException t) {
      code = t.exitCode();
      message = ex.getMessage();
    } else if (ex instanceof PeerstoreException) {
      code = ExitCodes.FAILED;
      message = "failed: " + ex.getMessage();
    } else {
      code = ExitCodes.FAILED;
      message = "unexpected error: " + ex;
    }
    err.println(name + ": " + oneLine(message));
    err.flush();
    return code;
  }

  /** {@code text} on one line (RocksDB and parser messages may hold line breaks). */
  static String oneLine(String text) {
    return String.valueOf(text).replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
