package org.mengkeju.catalog.institution;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The HTTP shapes of the institutions API. */
final class InstitutionRequests {

    private InstitutionRequests() {
    }

    /** A new institution; the credit code's check character is verified, the region must be a real one. */
    record RegisterInstitution(
            @NotNull @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,63}$",
                    message = "must be 2 to 64 lower-case letters, digits or -, starting with a letter or digit")
            String id,
            @NotBlank @Size(max = 200) String name,
            @NotNull String creditCode,
            @NotNull InstitutionType type,
            @NotNull String regionCode) {
    }

    /** An institution as the API shows it. */
    record InstitutionView(
            String id,
            String name,
            String creditCode,
            InstitutionType type,
            boolean publicResearchBody,
            String regionCode,
            Instant registeredAt) {

        static InstitutionView of(Institution i) {
            return new InstitutionView(i.id(), i.name(), i.creditCode(), i.type(), i.type().isPublicResearchBody(),
                    i.regionCode(), i.registeredAt());
        }
    }

    /** A page of institutions; {@code next} is the cursor of the following page, absent on the last one. */
    record InstitutionPage(List<InstitutionView> items, String next) {
    }
}
