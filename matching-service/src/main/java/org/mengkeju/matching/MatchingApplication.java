package org.mengkeju.matching;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The matching-service: demands (技术需求), a local index of public achievements fed by the catalog's events, and
 * explained matching between them. Scheduling runs the demands' expiry sweep.
 */
@SpringBootApplication
@EnableScheduling
public class MatchingApplication {

    public static void main(String[] args) {
        SpringApplication.run(MatchingApplication.class, args);
    }
}
