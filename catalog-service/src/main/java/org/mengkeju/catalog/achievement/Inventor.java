package org.mengkeju.catalog.achievement;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A person who made the result (成果完成人). Their share of income under the 70% rule is settled in the contract.
 *
 * @param name        as on the record, in Chinese or English
 * @param affiliation their college or lab; null when not given
 */
public record Inventor(@NotBlank @Size(max = 100) String name, @Size(max = 200) String affiliation) {
}
