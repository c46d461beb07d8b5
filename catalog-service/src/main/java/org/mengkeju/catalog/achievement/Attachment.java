package org.mengkeju.catalog.achievement;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A document about the result, held elsewhere and named by reference (附件): the catalog stores where it is and its
 * SHA-256, so a reader can check that the file is the one the owner listed.
 *
 * @param name   what it is ("中试检测报告.pdf")
 * @param url    an https URL
 * @param sha256 the file's SHA-256, 64 hex digits
 */
public record Attachment(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 2000) String url,
        @NotBlank @Size(max = 64) String sha256) {

    Attachment checked(int index) {
        String field = "attachments[" + index + "]";
        if (name == null || name.isBlank() || url == null || sha256 == null) {
            throw new InvalidListing(field, "name, url and sha256 are required");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidListing(field + ".url", "'" + url + "' is not a URL: " + e.getReason());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidListing(field + ".url", "must be an absolute https URL, was '" + url + "'");
        }
        String hash = sha256.strip().toLowerCase(Locale.ROOT);
        if (hash.length() != 64 || !hash.chars().allMatch(HexFormat::isHexDigit)) {
            throw new InvalidListing(field + ".sha256", "must be 64 hex digits (a SHA-256), was '" + sha256 + "'");
        }
        return new Attachment(name.strip(), uri.toString(), hash);
    }
}
