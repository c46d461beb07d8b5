package org.mengkeju.catalog.achievement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Searches listings by their facts (free text is matching-service's), in pages by cursor, scoped to the caller. */
@Component
class AchievementListings {

    static final int MAX_PAGE = 200;

    private final MongoTemplate mongo;

    AchievementListings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A page and the cursor of the next one; {@code next} is null on the last page. */
    record Page(List<Achievement> items, String next) {
    }

    /**
     * Which listings a caller may find, as the application service decided it: all, or the public ones plus those of
     * an institution and those a sub-center brought.
     */
    record Scope(boolean everything, String institutionId, String subCenter) {
    }

    Page search(Scope scope, ListingQuery query, String after, int limit) {
        List<Criteria> all = new ArrayList<>();
        all.add(visibleIn(scope));
        filters(query, all);
        ListingQuery.Sort sort = query.sort();
        if (after != null) {
            ListingCursor cursor = ListingCursor.decode(after, sort);
            all.add(afterCursor(sort, cursor));
        }
        Query mongoQuery = Query.query(new Criteria().andOperator(all)).limit(limit + 1)
                .with(Sort.by(direction(sort), sortField(sort)).and(Sort.by(direction(sort), "_id")));
        List<Achievement> found = mongo.find(mongoQuery, Achievement.class);
        if (found.size() <= limit) {
            return new Page(found, null);
        }
        List<Achievement> page = found.subList(0, limit);
        Achievement last = page.getLast();
        return new Page(List.copyOf(page), new ListingCursor(sort, sortKey(sort, last), last.id()).encode());
    }

    private static Criteria visibleIn(Scope scope) {
        if (scope.everything()) {
            return new Criteria();
        }
        List<Criteria> any = new ArrayList<>();
        any.add(Criteria.where("status").in(publicStatuses()));
        if (scope.institutionId() != null) {
            any.add(Criteria.where("ownerInstitutionId").is(scope.institutionId()));
        }
        if (scope.subCenter() != null) {
            any.add(Criteria.where("subCenter").is(scope.subCenter()));
        }
        return new Criteria().orOperator(any);
    }

    private static List<String> publicStatuses() {
        return java.util.Arrays.stream(AchievementStatus.values()).filter(AchievementStatus::isPubliclyVisible)
                .map(Enum::name).toList();
    }

    private static void filters(ListingQuery q, List<Criteria> all) {
        if (q.industryChain() != null) {
            all.add(Criteria.where("details.industryChain").is(q.industryChain().name()));
        }
        if (q.technologyField() != null) {
            all.add(Criteria.where("details.technologyField").is(q.technologyField()));
        }
        if (q.regionCode() != null) {
            all.add(Criteria.where("regionCode").is(q.regionCode()));
        }
        if (q.maturity() != null) {
            all.add(Criteria.where("details.maturity").is(q.maturity().name()));
        }
        if (q.transferMode() != null) {
            all.add(Criteria.where("details.transferModes").is(q.transferMode().name()));
        }
        if (q.status() != null) {
            all.add(Criteria.where("status").is(q.status().name()));
        }
        if (q.ownerInstitutionId() != null) {
            all.add(Criteria.where("ownerInstitutionId").is(q.ownerInstitutionId()));
        }
        if (q.subCenter() != null) {
            all.add(Criteria.where("subCenter").is(q.subCenter()));
        }
        if (q.byPrice()) {
            all.add(Criteria.where("priceFloorFen").ne(null));
        }
        if (q.maxPriceYuan() != null) {
            all.add(Criteria.where("priceFloorFen").lte(fen(q.maxPriceYuan())));
        }
        if (q.minPriceYuan() != null) {
            all.add(Criteria.where("priceCeilingFen").gte(fen(q.minPriceYuan())));
        }
    }

    private static long fen(BigDecimal yuan) {
        return yuan.setScale(2, java.math.RoundingMode.FLOOR).movePointRight(2).longValueExact();
    }

    private static Criteria afterCursor(ListingQuery.Sort sort, ListingCursor cursor) {
        String field = sortField(sort);
        Object key = sort == ListingQuery.Sort.NEWEST || sort == ListingQuery.Sort.OLDEST
                ? new java.util.Date(cursor.key()) : cursor.key();
        boolean ascending = direction(sort) == Sort.Direction.ASC;
        Criteria beyond = ascending ? Criteria.where(field).gt(key) : Criteria.where(field).lt(key);
        Criteria tie = ascending ? Criteria.where(field).is(key).and("_id").gt(cursor.id())
                : Criteria.where(field).is(key).and("_id").lt(cursor.id());
        return new Criteria().orOperator(beyond, tie);
    }

    private static String sortField(ListingQuery.Sort sort) {
        return switch (sort) {
            case NEWEST, OLDEST -> "createdAt";
            case PRICE_ASC, PRICE_DESC -> "priceFloorFen";
        };
    }

    private static Sort.Direction direction(ListingQuery.Sort sort) {
        return sort == ListingQuery.Sort.OLDEST || sort == ListingQuery.Sort.PRICE_ASC ? Sort.Direction.ASC
                : Sort.Direction.DESC;
    }

    private static long sortKey(ListingQuery.Sort sort, Achievement a) {
        return switch (sort) {
            case NEWEST, OLDEST -> a.createdAt().toEpochMilli();
            case PRICE_ASC, PRICE_DESC -> a.priceFloorFen();
        };
    }
}
