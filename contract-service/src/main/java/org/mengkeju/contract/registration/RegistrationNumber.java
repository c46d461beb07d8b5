package org.mengkeju.contract.registration;

import java.time.Year;

/**
 * A registration number (登记编号): year (4) + province code (2, Inner Mongolia is 15) + city code (2) + registration
 * point (2) + serial (6), e.g. {@code 2026150101000042}. Serials count per registration point and year from 1.
 */
public record RegistrationNumber(String value) {

    static final String PROVINCE = "15";
    static final int MAX_SERIAL = 999_999;

    public static RegistrationNumber of(Year year, RegistrationPolicy.Point point, long serial) {
        if (serial < 1 || serial > MAX_SERIAL) {
            throw new IllegalStateException("serial " + serial + " of " + point.institutionId() + " in " + year
                    + " is outside 1.." + MAX_SERIAL);
        }
        return new RegistrationNumber(String.format("%04d%s%s%s%06d", year.getValue(), PROVINCE, point.cityCode(),
                point.pointCode(), serial));
    }

    @Override
    public String toString() {
        return value;
    }
}
