package org.mengkeju.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.test.RoleRules.Answer;

class RoleRulesTest {

    private static final Path README = Path.of("README.md");
    private static final String HEADER = """
            # 蒙科聚

            ## Who may call what
            Some words about the table.

            | service | endpoints | PARTNER | SUB_CENTER | FINANCE_INSTITUTION | BROKER | OPERATOR | ADMIN | scope |
            |---|---|---|---|---|---|---|---|---|
            """;

    @Test
    void readsOneRulePerEndpointOfARowUntilTheTableEnds() {
        RoleRules rules = RoleRules.parse(README, HEADER + """
                | points | `GET /accounts/{accountId}`, `GET /accounts/{accountId}/transfers` | ✓ | 404 | 404 | 404 | ✓ | 403 | the holder, operators |
                | points | `GET /ledger/check` | 403 | 403 | 403 | 403 | ✓ | 403 | |

                | points | `POST /not/a/rule` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | after the table |
                """);

        assertThat(rules.rules("points")).extracting(RoleRules.Rule::operation).containsExactly(
                "GET /accounts/{accountId}", "GET /accounts/{accountId}/transfers", "GET /ledger/check");
        var statement = rules.rule("points", "GET /accounts/{accountId}/transfers").orElseThrow();
        assertThat(statement.answer("PARTNER")).isEqualTo(Answer.ALLOWED);
        assertThat(statement.answer("BROKER")).isEqualTo(Answer.HIDDEN);
        assertThat(statement.answer("ADMIN")).isEqualTo(Answer.FORBIDDEN);
        assertThat(statement.line()).isEqualTo(8);
        assertThat(rules.rule("points", "POST /not/a/rule")).isEmpty();
        assertThat(rules.rule("catalog", "GET /ledger/check")).isEmpty();
        assertThat(rules.duplicates("points")).isEmpty();
    }

    @Test
    void anAnswerIsAStatusTheRoleMayGet() {
        assertThat(Answer.ALLOWED.matches(200)).isTrue();
        assertThat(Answer.ALLOWED.matches(409)).isTrue();
        assertThat(Answer.ALLOWED.matches(404)).isTrue();
        assertThat(Answer.ALLOWED.matches(403)).isFalse();
        assertThat(Answer.ALLOWED.matches(401)).isFalse();
        assertThat(Answer.ALLOWED.matches(500)).isFalse();
        assertThat(Answer.FORBIDDEN.matches(403)).isTrue();
        assertThat(Answer.FORBIDDEN.matches(404)).isFalse();
        assertThat(Answer.HIDDEN.matches(404)).isTrue();
        assertThat(Answer.HIDDEN.matches(200)).isFalse();
    }

    @Test
    void anEndpointNamedTwiceIsADuplicate() {
        RoleRules rules = RoleRules.parse(README, HEADER + """
                | points | `GET /ledger/check` | 403 | 403 | 403 | 403 | ✓ | 403 | |
                | points | `GET /ledger/check` | ✓ | 403 | 403 | 403 | ✓ | 403 | |
                """);

        assertThat(rules.duplicates("points")).containsExactly("GET /ledger/check");
    }

    @Test
    void anUnreadableTableIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> RoleRules.parse(README, HEADER + """
                | points | `GET /ledger/check` | 403 | 403 | 403 | 403 | yes | 403 | |
                """)).hasMessageContaining("README.md:8 OPERATOR").hasMessageContaining("'yes'");
        assertThatThrownBy(() -> RoleRules.parse(README, HEADER + """
                | points | GET /ledger/check | 403 | 403 | 403 | 403 | ✓ | 403 | |
                """)).hasMessageContaining("no `METHOD /path`");
        assertThatThrownBy(() -> RoleRules.parse(README, HEADER + """
                | points | `GET /ledger/check` | 403 | 403 | ✓ | 403 | |
                """)).hasMessageContaining("7 cells, the header has 9");
        assertThatThrownBy(() -> RoleRules.parse(README, HEADER.replace(" ADMIN |", " ") + """
                | points | `GET /ledger/check` | 403 | 403 | 403 | 403 | ✓ | |
                """)).hasMessageContaining("no column ADMIN");
        assertThatThrownBy(() -> RoleRules.parse(README, "# nothing here\n"))
                .hasMessageContaining("no section '## Who may call what'");
    }
}
