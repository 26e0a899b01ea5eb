/**
 * What keeps one request from taking more than its share: the body read without a thread and within its
 * limit ({@link dev.mmids.gradient.web.admission.RequestBodyFilter}, {@link
 * dev.mmids.gradient.web.admission.Exchange}), the minimum transfer rate ({@link
 * dev.mmids.gradient.web.admission.TransferClock}), computation slots and the memory budget ({@link
 * dev.mmids.gradient.web.admission.Admission}), and the memory model of a request in one place ({@link
 * dev.mmids.gradient.web.admission.Footprint}). Controllers see it as {@link
 * dev.mmids.gradient.web.admission.Admitted}, a parameter.
 */
package dev.mmids.gradient.web.admission;
