package org.mengkeju.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The API gateway of 蒙科聚: the one door partners, league-city sub-centers (盟市分中心), finance institutions,
 * brokers and operators use. It authenticates API keys, hands the services a signed caller identity, routes
 * {@code /api/v1/**} to the five services and indexes their OpenAPI documents.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
