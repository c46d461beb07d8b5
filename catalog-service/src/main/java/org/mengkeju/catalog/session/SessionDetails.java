package org.mengkeju.catalog.session;

import java.time.LocalDate;

import org.mengkeju.catalog.achievement.IndustryChain;

/** What an organiser says about a session when scheduling it; {@code date} is a local day in Asia/Shanghai. */
public record SessionDetails(String title, IndustryChain industryChain, LocalDate date, String place) {
}
