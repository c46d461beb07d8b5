package org.mengkeju.fixtureshop.basket;

import org.mengkeju.fixtureshop.order.Order;

public class Basket {

    Order checkedOut;
}
