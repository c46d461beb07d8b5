package org.mengkeju.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of the edge benchmarks: wrk (Debian package {@code wrk}) with 2 threads, its summary parsed.
 * Also the machine's load average, which every benchmark on this shared machine records beside its rates.
 */
final class Wrk {

    /** What one wrk run measured; latencies in milliseconds. */
    record Result(double rps, long requests, long non2xx, long socketErrors, double p50Millis, double p99Millis) {
    }

    private Wrk() {
    }

    static void require() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            probe.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed; on Debian or Ubuntu: sudo apt-get install -y wrk");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code wrk -t2 -c<connections> -d<duration> --latency} with the given headers against one URL. */
    static Result run(String url, int connections, String duration, String... headers) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + Math.min(2, connections), "-c" + connections,
                "-d" + duration, "--timeout", "10s", "--latency"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        System.out.println("wrk -c" + connections + " " + url + "\n" + output);
        long socketErrors = 0;
        Matcher errors = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(output);
        if (errors.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(errors.group(group));
            }
        }
        return new Result(number(output, "Requests/sec:\\s+([\\d.]+)"),
                (long) number(output, "(\\d+) requests in"),
                (long) numberOr(output, "Non-2xx or 3xx responses: (\\d+)", 0),
                socketErrors,
                latency(output, "50%"), latency(output, "99%"));
    }

    /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} gives them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "not known on this system";
        }
    }

    private static double latency(String output, String percentile) {
        Matcher m = Pattern.compile(percentile + "\\s+([\\d.]+)(us|ms|s)\\b").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk's output:\n" + output);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("'" + regex + "' not in wrk's output:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double numberOr(String output, String regex, double otherwise) {
        Matcher m = Pattern.compile(regex).matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : otherwise;
    }
}
