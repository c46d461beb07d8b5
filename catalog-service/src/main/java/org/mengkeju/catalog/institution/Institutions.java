package org.mengkeju.catalog.institution;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

/** The institutions collection. An institution is inserted once and, so far, never changed. */
public interface Institutions extends MongoRepository<Institution, String> {

    Optional<Institution> findByCreditCode(String creditCode);

    List<Institution> findByIdGreaterThanOrderByIdAsc(String after, Pageable page);

    List<Institution> findByRegionCodeAndIdGreaterThanOrderByIdAsc(String regionCode, String after, Pageable page);
}
