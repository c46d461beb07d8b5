package org.mengkeju.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.mengkeju.launcher.LocalPlatform;

/**
 * How the benchmarks that start every service run their JVMs: as the Dockerfile runs a service (the JIT's full tiers),
 * with the small heap and serial collector of the local run so that seven JVMs fit on the machine
 * ({@code -Dbenchmark.jvm=deployed}); or with the local run's own options ({@code -Dbenchmark.jvm=local}, as
 * {@code bin/run}: C1 only, which starts sooner and costs a small machine less while compiling, and runs the compiled
 * code slower). Each benchmark has its default.
 */
final class ServiceJvm {

    /** Seven JVMs starting on two busy cores, each compiling with every tier, can take longer than the default. */
    static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(8);
    /** The deployed options. */
    static final List<String> OPTIONS = List.of("-Xms64m", "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");

    private ServiceJvm() {
    }

    /** Whether the services run with the local run's options: as asked, or {@code byDefault}. */
    static boolean local(boolean byDefault) {
        String asked = System.getProperty("benchmark.jvm", "");
        return asked.equals("local") || !asked.equals("deployed") && byDefault;
    }

    /**
     * The options for a service of this Java, deployed or local, and any given with
     * {@code -Dbenchmark.serviceJvmOptions} (a flight recording of every service, say:
     * {@code -XX:StartFlightRecording=filename=/tmp/jfr/%p.jfr,dumponexit=true}).
     */
    static List<String> options(boolean local) {
        List<String> options = new ArrayList<>(local ? LocalPlatform.DEFAULT_SERVICE_JVM_OPTIONS : OPTIONS);
        if (Runtime.version().feature() >= 23) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        String extra = System.getProperty("benchmark.serviceJvmOptions", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /** What the results say of the options, for either choice. */
    static String described(boolean local) {
        return local ? "the local run's (C1 only)" : String.join(" ", OPTIONS);
    }

    /** CPU time of a process so far (all its threads), from the operating system; 0 when it is gone. */
    static long cpuMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
                .map(Duration::toMillis).orElse(0L);
    }
}
