package org.mengkeju.fixturewarehouse;

/** A class of another service. */
public class Stock {
}
