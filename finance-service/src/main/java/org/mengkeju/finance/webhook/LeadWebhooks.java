package org.mengkeju.finance.webhook;

import org.springframework.data.mongodb.repository.MongoRepository;

/** The institutions' webhooks, one document per institution. */
interface LeadWebhooks extends MongoRepository<LeadWebhook, String> {
}
