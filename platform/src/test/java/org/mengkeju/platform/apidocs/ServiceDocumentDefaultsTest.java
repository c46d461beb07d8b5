package org.mengkeju.platform.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

class ServiceDocumentDefaultsTest {

    private final ServiceDocumentDefaults defaults = new ServiceDocumentDefaults(
            new ApiDocsProperties("蒙科聚 catalog-service API", "Achievements (科技成果).", null), "catalog-service");

    @Test
    void aReadOfOneResourceDocumentsTheProblemsAReadCanMeetAndNoMore() {
        Operation read = new Operation().addParametersItem(new Parameter().in("path").name("id"))
                .responses(new ApiResponses().addApiResponse("200", json()));
        OpenAPI document = document("/api/v1/catalog/achievements/{id}", new PathItem().get(read));

        defaults.customise(document);

        assertThat(read.getResponses().keySet()).containsExactly("200", "400", "401", "404", "429", "503");
        assertThat(read.getResponses().get("200").getContent()).containsOnlyKeys("application/json");
        assertThat(read.getResponses().get("404").getContent()).containsOnlyKeys("application/problem+json");
        assertThat(read.getResponses().get("404").getContent().get("application/problem+json").getExamples())
                .isNotEmpty();
        assertThat(read.getResponses().get("503").getHeaders()).containsKey("Retry-After");
    }

    @Test
    void aCreateWithABodyAndAnIdempotencyKeyDocumentsConflictsSizeAndMediaType() {
        Operation create = new Operation()
                .addParametersItem(new Parameter().in("header").name("Idempotency-Key")
                        .schema(new JsonSchema().pattern("[A-Za-z0-9._:-]{1,100}")))
                .requestBody(new RequestBody().content(new Content().addMediaType("application/json", new MediaType())))
                .responses(new ApiResponses().addApiResponse("201", json())
                        .addApiResponse("403", new ApiResponse().description("A partner named another owner.")));
        OpenAPI document = document("/api/v1/catalog/achievements", new PathItem().post(create));

        defaults.customise(document);

        assertThat(create.getResponses().keySet())
                .containsExactly("201", "400", "401", "403", "409", "413", "415", "429", "503");
        assertThat(create.getResponses().get("403").getDescription()).isEqualTo("A partner named another owner.");
        assertThat(create.getResponses().get("403").getContent().get("application/problem+json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(create.getParameters().getFirst().getSchema().getPattern())
                .isEqualTo("^(?:[A-Za-z0-9._:-]{1,100})$");
    }

    @Test
    void theDocumentNamesTheServiceAndHowToAuthenticate() {
        OpenAPI document = new OpenAPI();

        defaults.customise(document);

        assertThat(document.getInfo().getTitle()).isEqualTo("蒙科聚 catalog-service API");
        assertThat(document.getInfo().getVersion()).isEqualTo("v1");
        assertThat(document.getInfo().getDescription()).startsWith("Achievements (科技成果).").contains("X-Api-Key");
        assertThat(document.getComponents().getSecuritySchemes().get("ApiKey").getName()).isEqualTo("X-Api-Key");
        assertThat(document.getSecurity()).singleElement().satisfies(r -> assertThat(r).containsKey("ApiKey"));
        assertThat(document.getComponents().getSchemas().get("Problem").getProperties())
                .containsKeys("type", "title", "status", "detail", "instance", "requestId", "errors");
    }

    @Test
    void anOptionalPropertyMayBeNullAndANotBlankOneNeedsACharacter() {
        var view = new JsonSchema().addProperty("publishedAt", new JsonSchema().types(new java.util.HashSet<>(
                List.of("string")))).addProperty("title", new JsonSchema().types(new java.util.HashSet<>(
                        List.of("string"))).pattern(NotBlankText.NOT_BLANK).minLength(0));
        view.setRequired(new java.util.ArrayList<>(List.of("title")));
        OpenAPI document = new OpenAPI().components(new Components().addSchemas("AchievementView", view));

        defaults.customise(document);

        assertThat(((io.swagger.v3.oas.models.media.Schema<?>) view.getProperties().get("publishedAt")).getTypes())
                .containsExactlyInAnyOrder("string", "null");
        var title = (io.swagger.v3.oas.models.media.Schema<?>) view.getProperties().get("title");
        assertThat(title.getTypes()).containsExactly("string");
        assertThat(title.getMinLength()).isEqualTo(1);
    }

    private static ApiResponse json() {
        return new ApiResponse().description("OK").content(new Content().addMediaType("*/*", new MediaType()));
    }

    private static OpenAPI document(String path, PathItem item) {
        return new OpenAPI().paths(new Paths().addPathItem(path, item));
    }
}
