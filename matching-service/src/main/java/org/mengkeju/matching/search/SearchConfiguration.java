package org.mengkeju.matching.search;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The search index on this node's disk, where it survives a restart; closing it commits what it holds. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean(destroyMethod = "close")
    SearchIndex searchIndex(@Value("${mengkeju.matching.search.directory}") Path directory) {
        return new LuceneSearchIndex(directory);
    }
}
