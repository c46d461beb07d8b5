package org.mengkeju.points;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Innovation points (创新积分制): accounts, the ledger of transfers, and the award rules that feed it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PointsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PointsApplication.class, args);
    }
}
